/**
 * The app's database in the browser (IndexedDB, through idb): room that localStorage's few
 * megabytes do not give. `autosave` holds the work the next load opens on; `kept-aside` stored
 * copies that did not read, so that nothing a user made is lost to a failed restore; `recent`
 * Recent scenarios; `progress` the lessons'.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  LEGACY_AUTOSAVE_KEY,
  type AutosaveStorage,
  type ProgressRecord,
  type ProgressStore,
  type RecentEntry,
  type RecentStore,
} from '../store';

interface SgLabDb extends DBSchema {
  'kept-aside': {
    key: number;
    value: { readonly raw: string; readonly reason: string; readonly at: string };
  };
  recent: { key: string; value: RecentEntry };
  progress: { key: string; value: ProgressRecord };
  autosave: { key: string; value: string };
}

let db: Promise<IDBPDatabase<SgLabDb>> | null = null;

function open(): Promise<IDBPDatabase<SgLabDb>> {
  // a tab still running an older SG Lab can hold the upgrade back: the page opens without it
  db ??= within(BLOCKED_MS, () =>
    openDB<SgLabDb>('sg-lab', 4, {
      upgrade(d, from) {
        if (from < 1) d.createObjectStore('kept-aside', { autoIncrement: true });
        if (from < 2) d.createObjectStore('recent', { keyPath: 'id' });
        if (from < 3) d.createObjectStore('progress');
        if (from < 4) d.createObjectStore('autosave');
      },
      // a newer version in another tab waits for this connection: let it go
      blocking() {
        void db?.then((d) => d.close());
        db = null;
      },
    }),
  );
  return db;
}

const CURRENT = 'current';

type LegacyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The autosave, read now. localStorage holds a copy only while it is newer than IndexedDB's: the
 * work of an SG Lab from before IndexedDB, or the copy kept at once as the page went away while
 * IndexedDB was still writing (such a write may never finish). It is removed as soon as IndexedDB
 * holds something as new. Where the browser gives no IndexedDB (some private modes), autosave stays
 * in localStorage.
 */
export async function openAutosave(legacy: LegacyStorage): Promise<AutosaveStorage> {
  const old = readLegacy(legacy);
  let stored: string | undefined;
  try {
    stored = await (await open()).get('autosave', CURRENT);
  } catch {
    return {
      opened: old,
      write: (raw) => legacy.setItem(LEGACY_AUTOSAVE_KEY, raw),
    };
  }
  // writes are numbered: the localStorage copy goes once a write as new as it is done
  let count = 0;
  let newerThan = old === null ? null : 0;
  return {
    opened: old ?? stored ?? null,
    async write(raw) {
      const mine = ++count;
      await (await open()).put('autosave', raw, CURRENT);
      if (newerThan !== null && mine > newerThan) {
        legacy.removeItem(LEGACY_AUTOSAVE_KEY);
        newerThan = null;
      }
    },
    writeNow(raw) {
      legacy.setItem(LEGACY_AUTOSAVE_KEY, raw);
      newerThan = count;
    },
  };
}

const BLOCKED_MS = 3000;

function within<T>(ms: number, task: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the browser database did not open')), ms);
    task().then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e as Error)),
    );
  });
}

function readLegacy(legacy: LegacyStorage): string | null {
  try {
    return legacy.getItem(LEGACY_AUTOSAVE_KEY);
  } catch {
    return null;
  }
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
