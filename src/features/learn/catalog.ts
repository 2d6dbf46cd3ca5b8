/**
 * The built-in lessons (src/content/lessons/*.json, data only). This module is only ever loaded
 * lazily (the lesson list, the lesson panel, a reload mid-lesson), so the lessons come with it as
 * one chunk the first paint does not wait for.
 */
import { type Lesson } from '../../model';
import { parseLesson } from '../../model/lesson';

const files = import.meta.glob<{ title?: string; summary?: string }>(
  '../../content/lessons/*.json',
  { eager: true, import: 'default' },
);

export interface LessonEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly load: () => Promise<Lesson>;
}

/** In the order of their ids: 01-…, 02-…, the order the notes teach them in. */
export const LESSONS: readonly LessonEntry[] = Object.keys(files)
  .sort()
  .map((file) => {
    const id = file.replace(/^.*\/(.+)\.json$/, '$1');
    const doc = files[file];
    return {
      id,
      title: doc?.title ?? id,
      summary: doc?.summary ?? '',
      async load() {
        const r = parseLesson(doc);
        if (!r.ok) throw new Error(`The lesson ${id} does not load: ${r.issues[0]?.message}`);
        return r.value;
      },
    };
  });
