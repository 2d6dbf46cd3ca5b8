import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachBit, hasBit, popcount, setRun, transpose32 } from './reach-index';

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
  it('transpose32 moves every bit (r, c) of 32 words to (c, r)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 0xffffffff }), { minLength: 32, maxLength: 32 }),
        (words) => {
          const a = Uint32Array.from(words);
          transpose32(a);
          for (let r = 0; r < 32; r++)
            for (let c = 0; c < 32; c++)
              expect(hasBit(a, c * 32 + r)).toBe(hasBit(Uint32Array.from(words), r * 32 + c));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('setRun sets exactly the positions [from, to), across word edges', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200 }),
        fc.nat({ max: 200 }),
        fc.nat({ max: 0xffffffff }),
        (a, b, noise) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const bits = new Uint32Array(8).fill(0);
          bits[7] = noise;
          setRun(bits, from, to);
          for (let i = 0; i < 224; i++) expect(hasBit(bits, i)).toBe(i >= from && i < to);
          expect(bits[7]).toBe(noise >>> 0);
        },
      ),
      { numRuns: 500 },
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
