/** A scenario file named on the command line: read, parsed, and refused with its errors (capped). */
import { readFileSync } from 'node:fs';
import { decodeFile } from '../interchange';
import { hasErrors, parseScenario, type Scenario } from '../model';
import { capped, printable } from './text';

/** The scenario, or null after telling standard error why not. */
export function readScenarioFile(file: string): Scenario | null {
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  let text: string;
  try {
    text = decodeFile(readFileSync(file));
  } catch (e) {
    err(`${printable(file)}: cannot read: ${printable((e as Error).message)}`);
    return null;
  }
  const parsed = parseScenario(text);
  if (parsed.ok && !hasErrors(parsed.issues)) return parsed.scenario;
  err(`${printable(file)}: not a valid scenario`);
  const errors = parsed.issues.filter((i) => i.severity === 'error');
  for (const line of capped(errors.map((i) => `  ${i.path || '(document)'}: ${i.message}`)))
    err(printable(line));
  return null;
}
