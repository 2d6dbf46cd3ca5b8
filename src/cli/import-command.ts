/**
 * `sg-lab import aws <file.json>... [-o out.json]`: AWS CLI describe outputs, in any order, become
 * one scenario; `sg-lab import terraform <plan-or-state.json>`: the JSON of `terraform show -json`
 * does. The scenario goes to standard output without -o; what could not be mapped is listed on
 * standard error; exit 2 when nothing could be imported.
 */
import { writeFileSync } from 'node:fs';
import { importAws, importTerraform } from '../interchange';
import { readTextFile } from './scenario-file';
import { capped, printable } from './text';

const USAGE = `usage: sg-lab import aws <file.json>... [-o out.json]
       sg-lab import terraform <plan-or-state.json> [-o out.json]`;

export function importCommand(args: readonly string[]): number {
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  const [source, ...rest] = args;
  const o = rest.indexOf('-o');
  const out = o >= 0 ? rest[o + 1] : undefined;
  const names = o < 0 ? rest : rest.filter((_, i) => i !== o && i !== o + 1);
  const terraform = source === 'terraform';
  if (!(source === 'aws' || (terraform && names.length === 1)) || names.length === 0)
    return (err(USAGE), 2);
  if (o >= 0 && !out) return (err(USAGE), 2);
  const files = [];
  for (const name of names) {
    const text = readTextFile(name);
    if (text !== null) files.push({ name, text });
  }
  const [first] = files;
  if (terraform && !first) return 2;
  const r = terraform && first ? importTerraform(first) : importAws(files);
  for (const line of capped(r.notes.map((n) => `${n.file}: ${n.message}`))) err(printable(line));
  if (!r.ok) return 2;
  const json = `${JSON.stringify(r.scenario, null, 2)}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
  return 0;
}
