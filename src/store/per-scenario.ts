/** Caches of derived values, per document object (an edit makes a new one; undo finds the old). */
import { perObject, type Scenario } from '../model';

/** A cache per scenario object: a new document (any edit) computes afresh, undo finds it again. */
export const perScenario = <T>(compute: (s: Scenario) => T): ((s: Scenario) => T) =>
  perObject(compute);

/**
 * A cache per scenario object and key (a group id, a flow object, a service): one document's
 * answers never leak into another's.
 */
export function perScenarioAnd<K, V>(
  compute: (s: Scenario, key: K) => V,
  keyOf: (k: K) => unknown = (k) => k,
) {
  const cache = new WeakMap<Scenario, Map<unknown, V>>();
  return (s: Scenario, key: K): V => {
    let per = cache.get(s);
    if (!per) cache.set(s, (per = new Map()));
    const k = keyOf(key);
    if (per.has(k)) return per.get(k) as V;
    const value = compute(s, key);
    per.set(k, value);
    return value;
  };
}
