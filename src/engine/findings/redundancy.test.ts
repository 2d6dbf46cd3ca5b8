/**
 * The redundancy lint's promise, over random worlds (fast-check): deleting every rule it reports
 * as a duplicate or as covered by the others never changes a verdict, for any pair of endpoints
 * and any service the worlds' rules name (and some between them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeRule, type Scenario } from '../../model';
import { arbitraryScenario } from '../../test-support/arbitrary-scenario';
import { computeReachability } from '../reachability';
import { findings } from '.';

const SERVICES = [
  ...[22, 80, 443, 999, 1000, 1500, 2000, 2001, 3306, 8080].map((port) => ({
    protocol: 'tcp',
    port,
  })),
  { protocol: 'udp', port: 1500 },
  { protocol: 'udp', port: 53 },
  { protocol: 'icmp', icmpType: 8, icmpCode: 0 },
  { protocol: 'icmp', icmpType: 8, icmpCode: 3 },
  { protocol: 'icmp', icmpType: 0, icmpCode: 0 },
  { protocol: 'icmp', icmpType: 3, icmpCode: 1 },
  { protocol: 'icmpv6', icmpType: 128, icmpCode: 0 },
  { protocol: '50' },
];

function withoutRedundant(s: Scenario): { scenario: Scenario; removed: number } {
  let scenario = s;
  let removed = 0;
  for (const f of findings(s)) {
    if (f.code !== 'DUPLICATE_RULE' && f.code !== 'REDUNDANT_RULE') continue;
    if (!f.ruleId || !f.direction) continue;
    const r = removeRule(scenario, f.groupId, f.direction, f.ruleId);
    if (!r.ok) throw new Error(`${f.groupId}/${f.ruleId}: ${r.issue.message}`);
    scenario = r.scenario;
    removed++;
  }
  return { scenario, removed };
}

/** Every cell of every service's matrix, as one string per service. */
const verdicts = (s: Scenario) =>
  SERVICES.map((service) => {
    const m = computeReachability(s, service);
    let cells = `${JSON.stringify(service)} `;
    for (let i = 0; i < m.endpoints.length; i++)
      for (let j = 0; j < m.endpoints.length; j++) cells += m.isAllowed(i, j) ? '1' : '0';
    return cells;
  });

describe('redundancy findings', () => {
  it('deleting every rule reported as duplicate or redundant never changes a verdict', () => {
    let removedInAll = 0;
    fc.assert(
      fc.property(arbitraryScenario, (s) => {
        const { scenario, removed } = withoutRedundant(s);
        removedInAll += removed;
        if (removed > 0) expect(verdicts(scenario)).toEqual(verdicts(s));
      }),
      { numRuns: 300 },
    );
    // the worlds must have had rules to delete, or the property says nothing
    expect(removedInAll).toBeGreaterThan(50);
  });
});
