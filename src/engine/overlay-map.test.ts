/** OverlayMap against a plain Map, over random runs of edits (sets and removals), past flattening. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverlayMap } from './overlay-map';

const key: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const edit = fc.array(fc.tuple(key, fc.option(fc.nat(9), { nil: undefined })), { maxLength: 4 });

describe('OverlayMap', () => {
  it('reads, sizes and iterates as the plain map it stands for, and names what changed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.nat(9))),
        fc.array(edit, { maxLength: 40 }),
        (start, edits) => {
          const plain = new Map(start);
          let overlay = OverlayMap.of(new Map(plain));
          const history: [OverlayMap<number>, Map<string, number>][] = [[overlay, new Map(plain)]];
          for (const changes of edits) {
            const before = overlay;
            const asMap = new Map(changes);
            for (const [k, v] of asMap)
              if (v === undefined) plain.delete(k);
              else plain.set(k, v);
            overlay = overlay.with(asMap);
            expect(overlay.size).toBe(plain.size);
            expect(new Map(overlay)).toEqual(plain);
            for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'z']) {
              expect(overlay.get(k)).toBe(plain.get(k));
              expect(overlay.has(k)).toBe(plain.has(k));
            }
            // every key whose value differs from an earlier map is among the keys named
            const changed = overlay.changedSince(before);
            if (changed)
              for (const [k, v] of before) if (overlay.get(k) !== v) expect(changed).toContain(k);
            if (changed)
              for (const [k] of overlay)
                if (before.get(k) === undefined) expect(changed).toContain(k);
            history.push([overlay, new Map(plain)]);
          }
          // earlier maps are not changed by later edits
          for (const [m, was] of history) expect(new Map(m)).toEqual(was);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says nothing changed only of the map it was made from, and null of a stranger', () => {
    const a = OverlayMap.of(new Map([['x', 1]]));
    const b = a.with(new Map([['y', 2]]));
    expect(b.changedSince(a)).toEqual(['y']);
    expect(b.changedSince(OverlayMap.of(new Map([['x', 1]])))).toBeNull();
  });
});
