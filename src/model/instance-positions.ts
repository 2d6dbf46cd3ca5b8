/** Where each instance id sits in the list, once per list: a lookup by id at 60,000 instances. */
import type { Scenario } from './types';

const cache = new WeakMap<Scenario['instances'], ReadonlyMap<string, number>>();

/** Instance id → its index (the first instance of an id given twice, as a search finds it). */
export function instancePositions(instances: Scenario['instances']): ReadonlyMap<string, number> {
  let m = cache.get(instances);
  if (!m) {
    const built = new Map<string, number>();
    instances.forEach((inst, k) => {
      if (!built.has(inst.id)) built.set(inst.id, k);
    });
    cache.set(instances, (m = built));
  }
  return m;
}

/** The instance of an id (the first of an id given twice), or undefined. */
export function instanceById(s: Pick<Scenario, 'instances'>, id: string) {
  const k = instancePositions(s.instances).get(id);
  return k === undefined ? undefined : s.instances[k];
}
