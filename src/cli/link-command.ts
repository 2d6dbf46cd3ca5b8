/**
 * `sg-lab link <scenario-or-challenge.json>` prints the share fragment (`#s=1.…` / `#c=1.…`);
 * `sg-lab link --decode <fragment> [-o out.json]` writes the document back (to standard output
 * without -o). Exit 2 with the error's code on a link or file that does not read.
 */
import { writeFileSync } from 'node:fs';
import { decodeShareLink, encodeShareLink } from '../interchange';
import { formatCount, type Challenge, type Scenario } from '../model';
import { CHALLENGE_FORMAT, parseChallenge } from '../model/lesson';
import { readScenarioFile, readTextFile } from './scenario-file';
import { capped, printable } from './text';

const USAGE =
  'usage: sg-lab link <scenario-or-challenge.json>\n       sg-lab link --decode <fragment> [-o out.json]';

export async function linkCommand(args: readonly string[]): Promise<number> {
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  if (args[0] === '--decode') {
    const fragment = args[1];
    const o = args.indexOf('-o');
    const out = o >= 0 ? args[o + 1] : undefined;
    if (!fragment || (o >= 0 && !out)) return (err(USAGE), 2);
    const r = await decodeShareLink(fragment);
    if (!r.ok) {
      err(`${r.error.code}: ${printable(r.error.message)}`);
      for (const line of capped((r.error.issues ?? []).map((i) => `  ${i.path}: ${i.message}`)))
        err(printable(line));
      return 2;
    }
    const json = `${JSON.stringify(r.kind === 'scenario' ? r.scenario : r.challenge, null, 2)}\n`;
    if (out) writeFileSync(out, json);
    else process.stdout.write(json);
    return 0;
  }
  const file = args[0];
  if (!file || args.length > 1) return (err(USAGE), 2);
  const doc = readDocument(file);
  if (!doc) return 2;
  const link = await encodeShareLink(doc);
  process.stdout.write(`${link}\n`);
  if (link.length > 2000)
    err(
      `note: the link is ${formatCount(link.length)} characters; chat apps often cut links past 2,000 — share the file instead.`,
    );
  return 0;
}

/** A challenge file (its format says so) or a scenario file; null after saying why not. */
function readDocument(file: string): Scenario | Challenge | null {
  const text = readTextFile(file);
  if (text === null) return null;
  if (!text.includes(`"${CHALLENGE_FORMAT}"`)) return readScenarioFile(file);
  const r = parseChallenge(text);
  if (r.ok) return r.value;
  process.stderr.write(`${printable(file)}: not a valid challenge\n`);
  for (const line of capped(r.issues.map((i) => `  ${i.path || '(document)'}: ${i.message}`)))
    process.stderr.write(`${printable(line)}\n`);
  return null;
}
