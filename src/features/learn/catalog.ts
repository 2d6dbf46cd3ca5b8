/**
 * The built-in lessons (src/content/lessons/*.json, data only): titles and summaries for the list
 * are in the bundle; a lesson itself loads when it is opened.
 */
import { parseLesson, type Lesson } from '../../model';

const titles = import.meta.glob<string>('../../content/lessons/*.json', {
  eager: true,
  import: 'title',
});
const summaries = import.meta.glob<string>('../../content/lessons/*.json', {
  eager: true,
  import: 'summary',
});
const loaders = import.meta.glob<unknown>('../../content/lessons/*.json', { import: 'default' });

export interface LessonEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly load: () => Promise<Lesson>;
}

/** In the order of their ids: 01-…, 02-…, the order the notes teach them in. */
export const LESSONS: readonly LessonEntry[] = Object.keys(loaders)
  .sort()
  .map((file) => {
    const id = file.replace(/^.*\/(.+)\.json$/, '$1');
    const load = loaders[file];
    return {
      id,
      title: titles[file] ?? id,
      summary: summaries[file] ?? '',
      async load() {
        const r = parseLesson(await load?.());
        if (!r.ok) throw new Error(`The lesson ${id} does not load: ${r.issues[0]?.message}`);
        return r.value;
      },
    };
  });
