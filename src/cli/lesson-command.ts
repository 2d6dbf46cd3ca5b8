/**
 * `sg-lab lesson verify <lesson.json>... [--json]`: every step's goals hold on the world after
 * it (engine/verify-lesson.ts). Exit 0 all good, 1 a lesson fails, 2 not a lesson file.
 */
import { verifyLesson, type LessonVerdict } from '../engine';
import { parseLesson } from '../model/lesson';
import { readTextFile } from './scenario-file';
import { capped, printable } from './text';

const USAGE = 'usage: sg-lab lesson verify <lesson.json>... [--json]';

export function lessonCommand(args: readonly string[]): number {
  const err = (text: string) => void process.stderr.write(`${text}\n`);
  const [verb, ...rest] = args;
  const json = rest.includes('--json');
  const files = rest.filter((a) => a !== '--json');
  if (verb !== 'verify' || files.length === 0) return (err(USAGE), 2);
  let invalid = false;
  const results: (LessonVerdict & { file: string })[] = [];
  for (const file of files) {
    const text = readTextFile(file);
    if (text === null) {
      invalid = true;
      continue;
    }
    const parsed = parseLesson(text);
    if (!parsed.ok) {
      invalid = true;
      err(`${printable(file)}: not a valid lesson`);
      for (const line of capped(
        parsed.issues.map((i) => `  ${i.path || '(document)'}: ${i.message}`),
      ))
        err(printable(line));
      continue;
    }
    results.push({ file, ...verifyLesson(parsed.value) });
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else
    for (const r of results) {
      process.stdout.write(`${r.ok ? '✓' : '✗'} ${printable(r.file)} (${r.steps.length} steps)\n`);
      for (const s of r.steps)
        for (const p of s.problems)
          process.stdout.write(`    step ${printable(s.id)}: ${printable(p)}\n`);
    }
  const failed = results.filter((r) => !r.ok).length;
  if (!json) process.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  return invalid ? 2 : failed > 0 ? 1 : 0;
}
