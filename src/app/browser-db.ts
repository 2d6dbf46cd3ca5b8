/**
 * The app's database in the browser (IndexedDB, through idb): room that localStorage's few
 * megabytes do not give. `kept-aside` holds stored copies that did not read, so that nothing a
 * user made is lost to a failed restore.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

interface SgLabDb extends DBSchema {
  'kept-aside': {
    key: number;
    value: { readonly raw: string; readonly reason: string; readonly at: string };
  };
}

let db: Promise<IDBPDatabase<SgLabDb>> | null = null;

function open(): Promise<IDBPDatabase<SgLabDb>> {
  db ??= openDB<SgLabDb>('sg-lab', 1, {
    upgrade(d) {
      d.createObjectStore('kept-aside', { autoIncrement: true });
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
