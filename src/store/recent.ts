/**
 * Recent scenarios: every document a user worked on, kept in the browser's database (IndexedDB in
 * the app: localStorage's few megabytes fill with one large scenario). The tab's current work is
 * always one of them, saved shortly after each edit; opening something else never loses it.
 */
import { encodeDocument, type SgDocument } from '../interchange/document';

export interface RecentEntry {
  readonly id: string;
  readonly name: string;
  /** ISO time of the last save. */
  readonly savedAt: string;
  /** The document envelope (interchange `encodeDocument`). */
  readonly document: string;
}

/** Where recent scenarios live; the app gives IndexedDB, tests a map. */
export interface RecentStore {
  put(entry: RecentEntry): Promise<boolean>;
  get(id: string): Promise<RecentEntry | undefined>;
  list(): Promise<RecentEntry[]>;
  remove(id: string): Promise<void>;
}

export function newWorkId(): string {
  return `work-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function entryOf(id: string, doc: SgDocument, now = new Date()): RecentEntry {
  return { id, name: doc.scenario.name, savedAt: now.toISOString(), document: encodeDocument(doc) };
}

/** Saves the tab's work after `delayMs` of quiet; `flush` saves now and says when it is kept. */
export function recentSaver(store: RecentStore, delayMs: number, onSaved: (id: string) => void) {
  let pending: { id: string; doc: SgDocument } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = async (): Promise<boolean> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return true;
    const { id, doc } = pending;
    pending = null;
    const ok = await store.put(entryOf(id, doc));
    if (ok) onSaved(id);
    return ok;
  };
  return {
    save(id: string, doc: SgDocument) {
      pending = { id, doc };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
  };
}
