/**
 * Every test fails on a console error, an uncaught page error, or a request leaving localhost:
 * SG Lab runs offline after load.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (
          !['127.0.0.1', 'localhost'].includes(url.hostname) &&
          url.protocol !== 'data:' &&
          url.protocol !== 'blob:'
        ) {
          problems.push(`request left localhost: ${r.url()}`);
        }
      });
      await use();
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
