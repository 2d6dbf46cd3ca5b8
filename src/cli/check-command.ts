/**
 * `sg-lab check <scenario.json>... [--json]`: every expectation of every file.
 * Exit 0: every expectation passes; 1: some fail; 2: a file is not a valid scenario.
 */
import { checkScenarioText, type CheckRow } from './check';
import { readTextFile } from './scenario-file';
import { renderTable } from './table';
import { capped, printable } from './text';

const USAGE = 'usage: sg-lab check <scenario.json>... [--json]';

export function checkCommand(rest: readonly string[]): number {
  const json = rest.includes('--json');
  const files = rest.filter((a) => a !== '--json');
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const rows: CheckRow[] = [];
  let invalid = false;
  const services = new Map<string, string>();
  for (const file of files) {
    const text = readTextFile(file);
    if (text === null) {
      invalid = true;
      continue;
    }
    const outcome = checkScenarioText(file, text);
    if (!outcome.ok) {
      invalid = true;
      process.stderr.write(`${printable(file)}: not a valid scenario\n`);
      const lines = outcome.issues.map(
        (i) => `  ${printable(i.path || '(document)')}: ${printable(i.message)} [${i.code}]`,
      );
      process.stderr.write(`${capped(lines).join('\n')}\n`);
      continue;
    }
    for (const n of outcome.notes) process.stderr.write(`${printable(file)}: note: ${n}\n`);
    if (outcome.rows.length === 0 && !json)
      process.stdout.write(`${printable(file)}: no expectations to check\n`);
    outcome.rows.forEach((_row, i) => services.set(`${file}#${i}`, outcome.services[i] ?? ''));
    rows.push(...outcome.rows);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (rows.length > 0) {
    const table = rows.map((r) =>
      [
        files.length > 1 ? `${r.file}#${r.index}` : `#${r.index}`,
        r.from,
        r.to,
        services.get(`${r.file}#${r.index}`) ?? '',
        r.expect.toUpperCase(),
        r.actual.toUpperCase(),
        r.pass ? '✓' : '✗',
        r.reason,
      ].map(printable),
    );
    process.stdout.write(
      `${renderTable(['', 'from', 'to', 'service', 'expected', 'actual', '', 'reason'], table)}\n`,
    );
    const failed = rows.filter((r) => !r.pass).length;
    process.stdout.write(`\n${rows.length - failed} passed, ${failed} failed\n`);
  }
  if (invalid) return 2;
  return rows.every((r) => r.pass) ? 0 : 1;
}
