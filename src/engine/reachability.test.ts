/** The matrix on a generated scenario big enough to span many bit words, pair by pair. */
import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { hasErrors, updateRule, validateScenario } from '../model';
import { evaluateFlow } from './evaluate';
import { computeReachability, prepareReachability } from './reachability';

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

  it('still agrees after edits patch the rows already read, inbound and outbound', () => {
    // one instance without groups (nothing filters it) and one stopped
    const base: typeof s = {
      ...s,
      instances: s.instances.map((inst, k) =>
        k === 5
          ? { ...inst, securityGroupIds: [] }
          : k === 9
            ? { ...inst, state: 'stopped' as const }
            : inst,
      ),
    };
    const service = { protocol: 'tcp', port: 443 };
    expect(mismatches(base, service)).toEqual([]);
    let current = base;
    for (const [k, direction] of [
      [6, 'inbound'],
      [3, 'outbound'],
      [7, 'inbound'],
    ] as const) {
      const g = current.securityGroups[k];
      const rule = g?.[direction][0];
      if (!g || !rule?.id) throw new Error(`generated group ${k} has no ${direction} rule`);
      const r = updateRule(current, g.id, direction, rule.id, {
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '10.0.0.0/16',
      });
      if (!r.ok) throw new Error(r.issue.message);
      const before = computeReachability(current, service).allowedInstancePairs;
      current = r.scenario;
      // every row was read before the edit: the new state mends them
      expect(mismatches(current, service)).toEqual([]);
      // each edit opens 443 to more pairs, so rows had to change
      expect(computeReachability(current, service).allowedInstancePairs).toBeGreaterThan(before);
    }
  });

  it('answers a window (a few cells of rows far apart) one cell at a time, as whole rows do', () => {
    // 700 interfaces: a row is composed only after 11 of its cells are read
    const wide = largeScenario({ instances: 700, groups: 40, rulesPerGroup: 20, seed: 5 });
    const service = { protocol: 'tcp', port: 443 };
    const window = computeReachability(wide, service);
    const ids = window.endpoints;
    const rows = Array.from({ length: 60 }, (_, k) => (k * 293) % ids.length);
    const cols = Array.from({ length: 8 }, (_, k) => (k * 97 + 3) % ids.length);
    const wrong: string[] = [];
    for (const i of rows)
      for (const j of cols) {
        const expected = evaluateFlow(wide, { ...service, from: ids[i]!, to: ids[j]! }).allowed;
        if (window.isAllowed(i, j) !== expected) wrong.push(`${ids[i]} → ${ids[j]}`);
      }
    expect(wrong).toEqual([]);
    // the same rows read whole, from a matrix of their own, give the same cells
    const whole = computeReachability({ ...wide }, service);
    for (const i of rows) {
      const all = ids.map((_, j) => whole.isAllowed(i, j));
      expect(cols.map((j) => all[j])).toEqual(cols.map((j) => window.isAllowed(i, j)));
    }
  });

  it('can be worked out a slice at a time, its progress rising to 1, with the same cells', () => {
    const fresh = largeScenario({ instances: 120, groups: 30, rulesPerGroup: 20, seed: 11 });
    const service = { protocol: 'tcp', port: 5432 };
    const seen: number[] = [];
    for (let k = 0; k < 1000; k++) {
      const done = prepareReachability(fresh, service, 0);
      seen.push(done);
      if (done === 1) break;
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(mismatches(fresh, service)).toEqual([]);
  });
});
