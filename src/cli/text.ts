/**
 * What the command line prints is a stranger's data: every control character is shown escaped,
 * so that no file can move the cursor, clear the screen or retitle the terminal.
 */
import { formatCount } from '../model';

// C0 controls but tab, DEL, C1 controls, and the bidirectional overrides that reorder a line
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text, safe for a terminal: controls appear as \u001b and the like. */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** At most `max` lines, then "… and 1,950 more". */
export function capped(lines: readonly string[], max = 50): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${formatCount(lines.length - max)} more`];
}
