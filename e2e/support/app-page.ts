/** Page object: how a user finds things in SG Lab, by role and name. */
import type { Locator, Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('heading', { name: /SG Lab/ }).waitFor();
  }

  instance(name: string): Locator {
    return this.page.getByRole('listitem', { name: `Instance ${name}` });
  }

  subnet(name: string): Locator {
    return this.page.getByRole('region', { name: `Subnet ${name}` });
  }

  group(id: string): Locator {
    return this.page
      .getByRole('list', { name: 'Security groups' })
      .getByRole('button', { name: new RegExp(id) });
  }

  rulesOf(id: string): Locator {
    return this.page.getByRole('region', { name: `Rules of ${id}` });
  }

  expectations(): Locator {
    return this.page.getByRole('region', { name: /Expectations/ });
  }
}
