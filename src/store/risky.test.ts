/** The risky counts per subnet, kept from one document to the next, agree with a count afresh. */
import { describe, expect, it } from 'vitest';
import { addRule, instanceById, removeRule, type Scenario } from '../model';
import { largeScenario } from '../model/large-scenario';
import { exposureOf, instancesBySubnet, riskyPerSubnet } from './selectors';

/** Counted from nothing: every instance of every subnet, its badges read once. */
function afresh(s: Scenario): Map<string, number> {
  const copy = structuredClone(s);
  const exposure = exposureOf(copy);
  const out = new Map<string, number>();
  for (const [sn, list] of instancesBySubnet(copy.instances)) {
    const n = list.filter((i) => exposure.get(i.id)?.some((e) => e.risk === 'danger')).length;
    if (n > 0) out.set(sn, n);
  }
  return out;
}

const nonZero = (m: ReadonlyMap<string, number>) =>
  new Map([...m].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));

describe('riskyPerSubnet', () => {
  it('after rules open and close SSH to the world, each count is the one counted afresh', () => {
    let s = largeScenario({ instances: 400, groups: 40, rulesPerGroup: 10, seed: 11 });
    expect(nonZero(riskyPerSubnet(s))).toEqual(nonZero(afresh(s)));
    const opened: string[] = [];
    for (const g of ['sg-0001', 'sg-0004', 'sg-0009']) {
      const r = addRule(s, g, 'inbound', {
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: '0.0.0.0/0',
      });
      if (!r.ok) throw new Error('refused');
      const rule = r.scenario.securityGroups.find((x) => x.id === g)?.inbound.at(-1);
      opened.push(`${g}/${rule?.id}`);
      s = r.scenario;
      expect(nonZero(riskyPerSubnet(s))).toEqual(nonZero(afresh(s)));
    }
    // the world opened something: the test would pass vacuously on an all-zero count
    expect([...riskyPerSubnet(s).values()].some((n) => n > 0)).toBe(true);
    for (const id of opened) {
      const [g, rule] = id.split('/') as [string, string];
      const r = removeRule(s, g, 'inbound', rule);
      if (!r.ok) throw new Error('refused');
      s = r.scenario;
      expect(nonZero(riskyPerSubnet(s))).toEqual(nonZero(afresh(s)));
    }
  });

  it('instanceById finds the first instance of an id, in each new list', () => {
    const s = largeScenario({ instances: 30, groups: 5, rulesPerGroup: 4, seed: 2 });
    const first = s.instances[3]!;
    const twice = { ...s, instances: [...s.instances, { ...first, name: 'copy' }] };
    expect(instanceById(twice, first.id)).toBe(first);
    const renamed = {
      ...s,
      instances: s.instances.map((i) => (i === first ? { ...i, name: 'x' } : i)),
    };
    expect(instanceById(renamed, first.id)?.name).toBe('x');
    expect(instanceById(s, 'i-missing')).toBeUndefined();
  });
});
