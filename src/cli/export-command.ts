/**
 * `sg-lab export aws-cli <scenario.json> [-o file]`: the scenario's security groups as a script
 * for the AWS CLI (to standard output without -o). CloudFormation and Terraform are named in the
 * format but not written yet: asking for them says so (exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeFile, exportAwsCli } from '../interchange';
import { hasErrors, parseScenario } from '../model';
import { capped, printable } from './text';

const USAGE = 'usage: sg-lab export aws-cli <scenario.json> [-o file]';

export function exportCommand(args: readonly string[]): number {
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  const [target, file, ...rest] = args;
  const o = rest.indexOf('-o');
  const out = o >= 0 ? rest[o + 1] : undefined;
  if (target === 'cloudformation' || target === 'terraform')
    return (err(`sg-lab export ${target} is not written yet; export aws-cli is.`), 2);
  if (target !== 'aws-cli' || !file || (o >= 0 && !out)) return (err(USAGE), 2);
  let text: string;
  try {
    text = decodeFile(readFileSync(file));
  } catch (e) {
    return (err(`${printable(file)}: cannot read: ${printable((e as Error).message)}`), 2);
  }
  const parsed = parseScenario(text);
  if (!parsed.ok || hasErrors(parsed.issues)) {
    err(`${printable(file)}: not a valid scenario (AWS would refuse it)`);
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    for (const line of capped(errors.map((i) => `  ${i.path || '(document)'}: ${i.message}`)))
      err(printable(line));
    return 2;
  }
  const script = exportAwsCli(parsed.scenario);
  if (out) writeFileSync(out, script, { mode: 0o755 });
  else process.stdout.write(script);
  return 0;
}
