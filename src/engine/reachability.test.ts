/** The matrix on a generated scenario big enough to span many bit words, pair by pair. */
import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { hasErrors, updateRule, validateScenario } from '../model';
import { evaluateFlow } from './evaluate';
import { computeReachability } from './reachability';

const s = largeScenario({ instances: 120, groups: 30, rulesPerGroup: 20, seed: 7 });

function mismatches(scenario: typeof s, service: { protocol: string; port?: number }): string[] {
  const m = computeReachability(scenario, service);
  const out: string[] = [];
  m.endpoints.forEach((from, i) =>
    m.endpoints.forEach((to, j) => {
      if (m.isAllowed(i, j) !== evaluateFlow(scenario, { ...service, from, to }).allowed)
        out.push(`${from} → ${to}`);
    }),
  );
  return out;
}

describe('computeReachability on a generated scenario', () => {
  it('is a valid scenario (the benchmark measures a world AWS would accept)', () => {
    expect(hasErrors(validateScenario(s))).toBe(false);
  });

  it('agrees with evaluateFlow on every pair, for TCP 443 and SSH', () => {
    const m = computeReachability(s, { protocol: 'tcp', port: 443 });
    expect(m.allowedInstancePairs).toBeGreaterThan(0);
    expect(m.allowedInstancePairs).toBeLessThan(120 * 120);
    expect(mismatches(s, { protocol: 'tcp', port: 443 })).toEqual([]);
    expect(mismatches(s, { protocol: 'tcp', port: 22 })).toEqual([]);
  });

  it('still agrees after a rule edit patches the matrix', () => {
    computeReachability(s, { protocol: 'tcp', port: 443 });
    const g = s.securityGroups[3];
    const rule = g?.inbound[0];
    if (!g || !rule?.id) throw new Error('generated group 3 has no inbound rule');
    const r = updateRule(s, g.id, 'inbound', rule.id, {
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '10.0.0.0/16',
    });
    if (!r.ok) throw new Error(r.issue.message);
    expect(mismatches(r.scenario, { protocol: 'tcp', port: 443 })).toEqual([]);
  });
});
