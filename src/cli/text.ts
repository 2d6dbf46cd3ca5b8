/**
 * What the command line reads and prints is a stranger's data: files are decoded as their
 * byte-order mark says (PowerShell's `>` writes UTF-16), and every control character is shown
 * escaped, so that no file can move the cursor, clear the screen or retitle the terminal.
 */

/** Text of a file: UTF-8 (with or without a BOM), or UTF-16 with a BOM. */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// C0 controls but tab, DEL, C1 controls, and the bidirectional overrides that reorder a line
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text, safe for a terminal: controls appear as \u001b and the like. */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** At most `max` lines, then "… and 1,950 more". */
export function capped(lines: readonly string[], max = 50): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${(lines.length - max).toLocaleString('en-US')} more`];
}
