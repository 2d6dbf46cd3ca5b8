/** A scenario file named on the command line: read, parsed, and refused with its errors (capped). */
import { readFileSync, statSync } from 'node:fs';
import { decodeFile, fileTooLarge } from '../interchange';
import { hasErrors, parseScenario, type Scenario } from '../model';
import { capped, printable } from './text';

const err = (text: string) => void process.stderr.write(`${text}\n`);

/** A file's text (see decodeFile), or null after telling standard error why it cannot be read. */
export function readTextFile(file: string): string | null {
  try {
    const tooLarge = fileTooLarge(printable(file), statSync(file).size);
    if (tooLarge) {
      err(tooLarge);
      return null;
    }
    return decodeFile(readFileSync(file));
  } catch (e) {
    err(`${printable(file)}: cannot read: ${printable((e as Error).message)}`);
    return null;
  }
}

/** The scenario, or null after telling standard error why not. */
export function readScenarioFile(file: string): Scenario | null {
  const text = readTextFile(file);
  if (text === null) return null;
  const parsed = parseScenario(text);
  if (parsed.ok && !hasErrors(parsed.issues)) return parsed.scenario;
  err(`${printable(file)}: not a valid scenario`);
  const errors = parsed.issues.filter((i) => i.severity === 'error');
  for (const line of capped(errors.map((i) => `  ${i.path || '(document)'}: ${i.message}`)))
    err(printable(line));
  return null;
}
