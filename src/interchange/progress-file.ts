/**
 * Lesson progress as a file, so a learner can carry it to another machine: `sg-lab.progress`,
 * version 1, with each lesson's step, the steps done and the predictions. Read strictly: a file
 * that does not read changes nothing.
 */
import { isRecord, readJson } from '../model';

export const PROGRESS_FORMAT = 'sg-lab.progress';

export interface ProgressEntry {
  readonly lessonId: string;
  readonly step: number;
  readonly done: readonly string[];
  readonly predictions: Readonly<Record<string, 'right' | 'wrong'>>;
  readonly completed: boolean;
  /** How many steps the lesson has: with `done`, the completion shown in the list. */
  readonly steps?: number;
  readonly updatedAt: string;
}

export function encodeProgress(lessons: Readonly<Record<string, ProgressEntry>>): string {
  return `${JSON.stringify({ format: PROGRESS_FORMAT, version: 1, lessons }, null, 2)}\n`;
}

export function decodeProgress(
  text: string,
):
  | { readonly ok: true; readonly lessons: Record<string, ProgressEntry> }
  | { readonly ok: false; readonly message: string } {
  const read = readJson(text);
  if (!read.ok) return { ok: false, message: `The file is not valid JSON: ${read.message}.` };
  const v = read.value;
  if (!isRecord(v) || v.format !== PROGRESS_FORMAT)
    return {
      ok: false,
      message: `This is not an SG Lab progress file ("format" must be "${PROGRESS_FORMAT}").`,
    };
  if (v.version !== 1) return { ok: false, message: 'This progress file is of a newer SG Lab.' };
  if (!isRecord(v.lessons)) return { ok: false, message: '"lessons" must be an object.' };
  const lessons: Record<string, ProgressEntry> = {};
  for (const [id, e] of Object.entries(v.lessons)) {
    const at = `lessons.${id}`;
    if (!isRecord(e)) return { ok: false, message: `${at} must be an object.` };
    const step = e.step;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > 1000)
      return { ok: false, message: `${at}.step must be a whole number from 0.` };
    const done = e.done;
    if (!Array.isArray(done) || !done.every((d) => typeof d === 'string'))
      return { ok: false, message: `${at}.done must be a list of step ids.` };
    const predictions: Record<string, 'right' | 'wrong'> = {};
    if (e.predictions !== undefined) {
      if (!isRecord(e.predictions))
        return { ok: false, message: `${at}.predictions must be an object.` };
      for (const [k, p] of Object.entries(e.predictions)) {
        if (p !== 'right' && p !== 'wrong')
          return { ok: false, message: `${at}.predictions.${k} must be "right" or "wrong".` };
        predictions[k] = p;
      }
    }
    lessons[id] = {
      lessonId: id,
      step,
      done: done as string[],
      predictions,
      completed: e.completed === true,
      ...(typeof e.steps === 'number' && Number.isInteger(e.steps) && e.steps > 0 && e.steps <= 1000
        ? { steps: e.steps }
        : {}),
      updatedAt: typeof e.updatedAt === 'string' ? e.updatedAt : new Date(0).toISOString(),
    };
  }
  return { ok: true, lessons };
}
