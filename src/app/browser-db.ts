/**
 * The app's database in the browser (IndexedDB, through idb): room that localStorage's few
 * megabytes do not give. `kept-aside` holds stored copies that did not read, so that nothing a
 * user made is lost to a failed restore; `recent` holds Recent scenarios; `progress` the lessons'.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProgressRecord, ProgressStore, RecentEntry, RecentStore } from '../store';

interface SgLabDb extends DBSchema {
  'kept-aside': {
    key: number;
    value: { readonly raw: string; readonly reason: string; readonly at: string };
  };
  recent: { key: string; value: RecentEntry };
  progress: { key: string; value: ProgressRecord };
}

let db: Promise<IDBPDatabase<SgLabDb>> | null = null;

function open(): Promise<IDBPDatabase<SgLabDb>> {
  db ??= openDB<SgLabDb>('sg-lab', 3, {
    upgrade(d, from) {
      if (from < 1) d.createObjectStore('kept-aside', { autoIncrement: true });
      if (from < 2) d.createObjectStore('recent', { keyPath: 'id' });
      if (from < 3) d.createObjectStore('progress');
    },
  });
  return db;
}

/** Keeps a copy; resolves true once it is written, false when the browser refuses. */
export async function keepAside(raw: string, reason: string): Promise<boolean> {
  try {
    const d = await open();
    await d.add('kept-aside', { raw, reason, at: new Date().toISOString() });
    return true;
  } catch {
    return false;
  }
}

export const recentScenarios: RecentStore = {
  async put(entry) {
    try {
      await (await open()).put('recent', entry);
      return true;
    } catch {
      return false;
    }
  },
  get: async (id) => (await open()).get('recent', id),
  list: async () => (await open()).getAll('recent'),
  remove: async (id) => void (await (await open()).delete('recent', id)),
};

export const lessonProgress: ProgressStore = {
  load: async () => (await open()).get('progress', 'lessons'),
  async save(record) {
    try {
      await (await open()).put('progress', record, 'lessons');
      return true;
    } catch {
      return false;
    }
  },
};
