/** A large document's first read in slices gives what reading it at once gives. */
import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { compile, compileInSteps } from './compile';
import { exposure, exposureInSteps } from './exposure';

const progressOf = (steps: Generator<number, void>): number[] => [...steps];

describe('first reads in steps', () => {
  const world = largeScenario({ instances: 7000, groups: 250, rulesPerGroup: 20, seed: 11 });

  it('reads the interfaces a few thousand at a time, then compile answers from its cache', () => {
    const doc = structuredClone(world);
    const progress = progressOf(compileInSteps(doc));
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(
      progress.every((p, i) => p >= 0 && p < 1 && (i === 0 || p > (progress[i - 1] ?? 0))),
    ).toBe(true);
    const c = compile(doc);
    // nothing is read again: a second pass has no steps
    expect(progressOf(compileInSteps(doc))).toEqual([]);
    const fresh = compile(structuredClone(world));
    expect(c.interfaces.map((i) => `${i.id} ${i.privateIp.value}`)).toEqual(
      fresh.interfaces.map((i) => `${i.id} ${i.privateIp.value}`),
    );
    expect([...c.members.keys()]).toEqual([...fresh.members.keys()]);
    for (const [g, m] of c.members)
      expect([...m.v4]).toEqual([...(fresh.members.get(g)?.v4 ?? [])]);
  });

  it("works out the groups' openings and the badges in slices, the same badges as at once", () => {
    const doc = structuredClone(world);
    const progress = progressOf(exposureInSteps(doc));
    // 250 groups, 20 a step, then 7,000 instances, 2,000 a step
    expect(progress.length).toBeGreaterThanOrEqual(15);
    const sliced = exposure(doc);
    const once = exposure(structuredClone(world));
    expect(sliced.size).toBeGreaterThan(0);
    expect(JSON.stringify([...sliced])).toBe(JSON.stringify([...once]));
  });
});
