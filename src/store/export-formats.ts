/**
 * The export formats for AWS, for the Share dialog (loaded with it, not at start): the AWS CLI
 * script, CloudFormation and Terraform of the interchange layer.
 */
import { exportAwsCli } from '../interchange/export-aws-cli';
import { exportCloudFormation } from '../interchange/export-cloudformation';
import { exportTerraform } from '../interchange/export-terraform';
import type { Scenario } from '../model';

export const EXPORT_FORMATS = {
  'aws-cli': { label: 'AWS CLI script', file: 'security-groups.sh', write: exportAwsCli },
  cloudformation: {
    label: 'CloudFormation (YAML)',
    file: 'security-groups.yaml',
    write: exportCloudFormation,
  },
  terraform: { label: 'Terraform', file: 'security-groups.tf', write: exportTerraform },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The scenario's groups for AWS, in one of the export formats, once per document and format. */
const cache = new WeakMap<Scenario, Map<ExportFormat, string>>();

export function exportOf(s: Scenario, format: ExportFormat): string {
  let per = cache.get(s);
  if (!per) cache.set(s, (per = new Map()));
  let text = per.get(format);
  if (text === undefined) per.set(format, (text = EXPORT_FORMATS[format].write(s)));
  return text;
}
