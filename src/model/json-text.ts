/**
 * Reading JSON text as people save it: a UTF-8 byte-order mark (Windows editors write one) is
 * dropped, and a syntax error says where by line and column instead of a character position.
 */

/** A JSON object (not null, not an array): what a stranger's document must be before it is read. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type JsonRead =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Line and column (from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

export function readJson(input: string): JsonRead {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = (e as Error).message;
    const at = /at position (\d+)/.exec(raw);
    if (at) {
      const { line, column } = lineColumn(text, Number(at[1]));
      return {
        ok: false,
        message: `${raw.replace(/\s*in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`,
      };
    }
    return {
      ok: false,
      message: /end of JSON input/.test(raw)
        ? `the text ends too early (line ${lineColumn(text, text.length).line})`
        : raw,
    };
  }
}
