/**
 * A cache per object: a document's parts (its instance list, a group, a rule list) keep their
 * identity across an edit that did not touch them, so what is worked out of one part is kept
 * with it, and a 60,000-instance list is read once rather than at every edit.
 */
export function perObject<K extends object, T>(compute: (k: K) => T): (k: K) => T {
  const cache = new WeakMap<K, T>();
  return (k) => {
    if (cache.has(k)) return cache.get(k) as T;
    const value = compute(k);
    cache.set(k, value);
    return value;
  };
}
