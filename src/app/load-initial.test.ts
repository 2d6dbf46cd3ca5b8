/** `?scenario=large&instances=N`: a size the generator can place, or the reason it was refused. */
import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { hasErrors, validateScenario } from '../model';
import { LARGE_MAX, largeSize } from './load-initial';

describe('largeSize', () => {
  it('reads a whole number from 1 to 60,000, and 1,000 when none is given', () => {
    expect(largeSize(null)).toEqual({ instances: 1000 });
    expect(largeSize('10000')).toEqual({ instances: 10000 });
    expect(largeSize(String(LARGE_MAX))).toEqual({ instances: 60000 });
  });

  it('names what it refused and opens 1,000 instead', () => {
    for (const bad of ['0', '60001', '1e4', 'abc', '-5', '12.5', '']) {
      const r = largeSize(bad);
      expect(r.instances).toBe(1000);
      expect(r.error).toContain(`instances=${bad} is not a whole number from 1 to 60,000`);
    }
  });

  it('the largest world is one AWS would accept: every address inside its subnet, none taken twice', () => {
    const s = largeScenario({ instances: LARGE_MAX, groups: 20, rulesPerGroup: 4 });
    expect(s.instances).toHaveLength(LARGE_MAX);
    expect(new Set(s.instances.map((i) => i.privateIp)).size).toBe(LARGE_MAX);
    expect(hasErrors(validateScenario(s))).toBe(false);
  });

  it('the rules of every size the app opens are within AWS quotas, so a download opens again', () => {
    // the app's sizes: 300 groups below 10,000 instances, 1,000 from there; 60 rules each
    for (const groups of [300, 1000]) {
      const s = largeScenario({ instances: 50, groups, rulesPerGroup: 60 });
      const errors = validateScenario(s).filter((i) => i.severity === 'error');
      expect(errors.map((e) => e.message).slice(0, 3)).toEqual([]);
    }
  });
});
