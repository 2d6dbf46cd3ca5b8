/**
 * `sg-lab export aws-cli|cloudformation|terraform <scenario.json> [-o file]`: the scenario's
 * security groups as an AWS CLI script, a CloudFormation template or Terraform (to standard
 * output without -o). Exit 2 on a file that does not load or that AWS would refuse.
 */
import { writeFileSync } from 'node:fs';
import { exportAwsCli, exportCloudFormation, exportTerraform } from '../interchange';
import { readScenarioFile } from './scenario-file';

const USAGE = 'usage: sg-lab export aws-cli|cloudformation|terraform <scenario.json> [-o file]';

const EXPORTERS = {
  'aws-cli': exportAwsCli,
  cloudformation: exportCloudFormation,
  terraform: exportTerraform,
} as const;

export function exportCommand(args: readonly string[]): number {
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  const [target, file, ...rest] = args;
  const o = rest.indexOf('-o');
  const out = o >= 0 ? rest[o + 1] : undefined;
  const exporter =
    target && Object.hasOwn(EXPORTERS, target) ? EXPORTERS[target as keyof typeof EXPORTERS] : null;
  if (!exporter || !file || (o >= 0 && !out)) return (err(USAGE), 2);
  const scenario = readScenarioFile(file);
  if (!scenario) return 2;
  const script = exporter(scenario);
  if (out) writeFileSync(out, script, target === 'aws-cli' ? { mode: 0o755 } : {});
  else process.stdout.write(script);
  return 0;
}
