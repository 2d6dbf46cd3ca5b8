import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachBit, hasBit, popcount, transpose } from './reach-index';

/** A random n × n bit matrix as rows of words, with its cells for checking. */
const matrix = fc.integer({ min: 1, max: 100 }).chain((n) =>
  fc
    .array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })
    .map((cells) => {
      const words = Math.ceil(n / 32);
      const rows = cells.map((row) => {
        const bits = new Uint32Array(words);
        row.forEach((on, c) => {
          if (on) bits[c >>> 5] = (bits[c >>> 5] as number) | (1 << (c & 31));
        });
        return bits;
      });
      return { n, words, cells, rows };
    }),
);

describe('bit matrix helpers', () => {
  it('transpose moves every cell (r, c) to (c, r), across block edges', () => {
    fc.assert(
      fc.property(matrix, ({ n, words, cells, rows }) => {
        const t = transpose(rows, words);
        const read = Array.from({ length: n }, (_, c) =>
          Array.from({ length: n }, (_, r) => hasBit(t[c] as Uint32Array, r)),
        );
        const expected = Array.from({ length: n }, (_, c) => cells.map((row) => row[c]));
        expect(read).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('popcount and eachBit agree with the cells', () => {
    fc.assert(
      fc.property(matrix, ({ cells, rows }) => {
        rows.forEach((bits, r) => {
          const on = (cells[r] ?? []).flatMap((v, c) => (v ? [c] : []));
          const seen: number[] = [];
          eachBit(bits, (i) => seen.push(i));
          expect(seen).toEqual(on);
          expect(popcount(bits)).toBe(on.length);
        });
      }),
      { numRuns: 200 },
    );
  });
});
