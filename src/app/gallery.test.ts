/** The built-in gallery: every scenario loads, says what it is, and its expectations hold. */
import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../engine';
import { hasErrors, parseScenario, type Scenario } from '../model';
import { BUILT_INS, UNLISTED } from './gallery';

function failing(s: Scenario): string[] {
  return (s.expectations ?? [])
    .filter((e) => (evaluateFlow(s, e).allowed ? 'allow' : 'deny') !== e.expect)
    .map((e) => `${e.from} → ${e.to} ${e.protocol} ${e.port ?? ''}: ${e.note ?? ''}`);
}

describe('the built-in gallery', () => {
  it('lists every file in src/content/scenarios', () => {
    expect(UNLISTED).toEqual([]);
    expect(BUILT_INS.length).toBeGreaterThanOrEqual(10);
  });

  for (const b of BUILT_INS) {
    it(`${b.id} loads without errors and says what it teaches`, async () => {
      const s = await b.scenario();
      const again = parseScenario(s);
      expect(again.ok && !hasErrors(again.issues)).toBe(true);
      expect(b.title).toBe(s.name);
      expect(b.summary.length).toBeGreaterThan(40);
      if (b.id !== 'blank-vpc') expect(s.expectations?.length ?? 0).toBeGreaterThanOrEqual(4);
      if (b.id === 'broken-repair') expect(failing(s).length).toBeGreaterThanOrEqual(3);
      else expect(failing(s)).toEqual([]);
    });
  }

  it('the broken scenario can be repaired with rule edits alone', async () => {
    const broken = await BUILT_INS.find((b) => b.id === 'broken-repair')!.scenario();
    const repaired: Scenario = {
      ...broken,
      securityGroups: broken.securityGroups.map((g) =>
        g.id === 'sg-shop'
          ? {
              ...g,
              inbound: [
                { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' },
                { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '198.51.100.77/32' },
              ],
              outbound: [
                ...g.outbound,
                { protocol: 'tcp', fromPort: 5432, toPort: 5432, referencedGroupId: 'sg-db' },
              ],
            }
          : g,
      ),
    };
    expect(failing(repaired)).toEqual([]);
  });
});
