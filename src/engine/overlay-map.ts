/**
 * A read-only map made of the map before it and what changed: consecutive documents share every
 * entry an edit did not touch (an account's exposure is 60,000 entries, an edit changes a few), and
 * the map says which keys it changed over the one it was made from.
 */
export class OverlayMap<V> implements ReadonlyMap<string, V> {
  readonly size: number;
  private readonly depth: number;

  private constructor(
    private readonly base: OverlayMap<V> | null,
    /** Changed entries: undefined = removed. */
    private readonly own: ReadonlyMap<string, V | undefined>,
  ) {
    let size = base?.size ?? 0;
    for (const [k, v] of own) {
      const had = base?.has(k) ?? false;
      if (had && v === undefined) size--;
      else if (!had && v !== undefined) size++;
    }
    this.size = size;
    this.depth = base ? base.depth + 1 : 0;
  }

  static of<V>(entries: ReadonlyMap<string, V>): OverlayMap<V> {
    return new OverlayMap<V>(null, entries);
  }

  /** This map with `changes` over it (undefined removes), flattened once layers pile up. */
  with(changes: ReadonlyMap<string, V | undefined>): OverlayMap<V> {
    if (changes.size === 0) return this;
    const next = new OverlayMap(this, changes);
    return next.depth > MAX_DEPTH ? OverlayMap.of(new Map(next)) : next;
  }

  /** The keys whose values may differ from `earlier`'s, when this map was made from it; else null. */
  changedSince(earlier: ReadonlyMap<string, V>): readonly string[] | null {
    if ((this as ReadonlyMap<string, V>) === earlier) return [];
    const below = this.base?.changedSince(earlier) ?? null;
    return below && [...this.own.keys(), ...below];
  }

  get(key: string): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.base?.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  entries(): MapIterator<[string, V]> {
    return this.walk(new Set());
  }

  /** The entries not shadowed by the layers above (their keys in `above`). */
  private *walk(above: Set<string>): MapIterator<[string, V]> {
    for (const [k, v] of this.own) {
      if (above.has(k)) continue;
      // the bottom layer, most of the map, is only checked against the layers above it
      if (this.base) above.add(k);
      if (v !== undefined) yield [k, v];
    }
    if (this.base) yield* this.base.walk(above);
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(visit: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) visit(v, k, this);
  }
}

/** Layers before a copy: a read walks at most this many small maps. */
const MAX_DEPTH = 16;
