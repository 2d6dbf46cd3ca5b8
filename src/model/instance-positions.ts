/** Where each instance id sits in the list, once per list: a lookup by id at 60,000 instances. */
import { perObject } from './per-object';
import type { Scenario } from './types';

/** Instance id → its index (the first instance of an id given twice, as a search finds it). */
export const instancePositions = perObject(
  (instances: Scenario['instances']): ReadonlyMap<string, number> => {
    const m = new Map<string, number>();
    instances.forEach((inst, k) => {
      if (!m.has(inst.id)) m.set(inst.id, k);
    });
    return m;
  },
);

/** The instance of an id (the first of an id given twice), or undefined. */
export function instanceById(s: Pick<Scenario, 'instances'>, id: string) {
  const k = instancePositions(s.instances).get(id);
  return k === undefined ? undefined : s.instances[k];
}
