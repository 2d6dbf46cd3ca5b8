/**
 * sg-lab command line (scenario-format.md, "The command line, in full"): one verb per file.
 */
import { checkCommand } from './check-command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { lessonCommand } from './lesson-command';
import { linkCommand } from './link-command';

const USAGE = `usage: sg-lab check <scenario.json>... [--json]
       sg-lab link <scenario.json>
       sg-lab link --decode <fragment> [-o out.json]
       sg-lab import aws <file.json>... [-o out.json]
       sg-lab import terraform <plan-or-state.json> [-o out.json]
       sg-lab export aws-cli|cloudformation|terraform <scenario.json> [-o file]
       sg-lab lesson verify <lesson.json>... [--json]`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return checkCommand(rest);
  if (command === 'link') return linkCommand(rest);
  if (command === 'import') return importCommand(rest);
  if (command === 'export') return exportCommand(rest);
  if (command === 'lesson') return lessonCommand(rest);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
