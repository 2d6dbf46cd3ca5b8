/** One instance's checks alone report what the whole world's report for it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScenario } from '../test-support/arbitrary-scenario';
import { validateInstanceAt, validateWorld } from './validate-world';
import type { Scenario } from './types';

const ofInstance = (s: Scenario, i: number) =>
  validateWorld(s).filter((issue) => issue.path.startsWith(`instances[${i}].`));

/** Some instances take an earlier one's address (or a broken one): duplicates are what matter. */
const withClashes = fc
  .tuple(arbitraryScenario, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 4 }))
  .map(([s, picks]) => {
    const instances = [...s.instances];
    for (const [a, b, broken] of picks) {
      if (instances.length < 2) break;
      const from = a % instances.length;
      const to = b % instances.length;
      const source = instances[from]!;
      instances[to] = { ...instances[to]!, privateIp: broken ? '10.0.0.999' : source.privateIp };
    }
    return { ...s, instances };
  });

describe('validateInstanceAt', () => {
  it('is validateWorld for that instance, duplicates of earlier addresses included', () => {
    let clashes = 0;
    fc.assert(
      fc.property(withClashes, (s) => {
        s.instances.forEach((_, i) => {
          const expected = ofInstance(s, i);
          if (expected.some((x) => x.code === 'InvalidIPAddress.InUse')) clashes++;
          expect(validateInstanceAt(s, i)).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
    // the runs did meet addresses already in use
    expect(clashes).toBeGreaterThan(0);
  });

  it('an index past the list has no issues', () => {
    const s = fc.sample(arbitraryScenario, { numRuns: 1, seed: 4 })[0]!;
    expect(validateInstanceAt(s, s.instances.length)).toEqual([]);
  });
});
