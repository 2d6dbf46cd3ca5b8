/**
 * Test-only: stranger data. Takes valid documents and damages them the ways files, links and old
 * autosaves are damaged: a value replaced by one of another kind, a key dropped, an item
 * repeated, text cut short or a character changed.
 */
import fc from 'fast-check';

/** Values that have broken parsers: prototype keys, objects posing as strings, odd numbers. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    { toString: 1 },
    { valueOf: 'x' },
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: 1 } },
    -0,
    1e308,
    -1,
    65536,
    2 ** 53,
    0.5,
    '',
    ' ',
    '\u001b[2J',
    '<img src=x onerror=alert(1)>',
    'x'.repeat(10_000),
    [],
    [[[]]],
    null,
    true,
  ),
);

type Json = unknown;

function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function edit(v: Json, at: readonly (string | number)[], f: (old: Json) => Json | undefined): Json {
  if (at.length === 0) return f(v);
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  if (Array.isArray(v)) {
    const copy = [...v];
    const next = edit(copy[head as number], rest, f);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(v as Record<string, Json>) };
  const next = edit(copy[head as string], rest, f);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

/** A document with 1 to 4 structural mutations. */
export function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return valid.chain((doc) => {
    const all = paths(doc);
    const op = fc.tuple(
      fc.integer({ min: 0, max: all.length - 1 }),
      fc.constantFrom('replace', 'drop', 'repeat'),
      nasty,
    );
    return fc.array(op, { minLength: 1, maxLength: 4 }).map((ops) =>
      ops.reduce((d, [i, kind, value]) => {
        const at = all[i] ?? [];
        if (kind === 'replace') return edit(d, at, () => value);
        if (kind === 'drop') return at.length ? edit(d, at, () => undefined) : d;
        return edit(d, at, (old) => (Array.isArray(old) ? [...old, ...old] : old));
      }, doc),
    );
  });
}

/** JSON text cut short, or with characters changed. */
export function damagedText(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return valid.chain((text) =>
    fc.oneof(
      fc.integer({ min: 0, max: text.length }).map((n) => text.slice(0, n)),
      fc
        .array(
          fc.tuple(
            fc.integer({ min: 0, max: Math.max(text.length - 1, 0) }),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        )
        .map((edits) => edits.reduce((t, [i, c]) => `${t.slice(0, i)}${c}${t.slice(i + 1)}`, text)),
      fc.string().map((junk) => `${text}${junk}`),
    ),
  );
}

/** Runs from FUZZ_RUNS when set (a long run), else `ci`. */
export const fuzzRuns = (ci: number): number => Number(process.env.FUZZ_RUNS) || ci;
