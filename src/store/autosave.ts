/**
 * Autosave of the document and the flows sent (architecture.md: document and flows yes, ui and
 * playback no), in the interchange layer's document envelope. Writes are debounced and flushed
 * when the page is hidden. Reading never writes: a stored copy that does not read (or reads only
 * in part) comes back raw, and the saver is held until the store has put that copy somewhere safe,
 * so nothing overwrites it first.
 */
import { decodeDocument, encodeDocument, type SgDocument } from '../interchange/document';

/**
 * Where the copy lives (IndexedDB in the app: a large account does not fit localStorage's few
 * megabytes). The stored copy is read before the store is made, so the store opens on it at once.
 */
export interface AutosaveStorage {
  /** The copy stored when the page opened; null: none. */
  readonly opened: string | null;
  /** Writes the copy; throws or rejects when the browser refuses it. */
  write(raw: string): Promise<void> | void;
  /**
   * Keeps the copy at once, as the page goes away: a write that is not done by then may never be.
   * Best effort (a large copy may not fit); `write` still follows.
   */
  writeNow?(raw: string): void;
}

/** The old home of the copy (before IndexedDB), still read once so that no earlier work is lost. */
export const LEGACY_AUTOSAVE_KEY = 'sg-lab.autosave';

export type Saved = SgDocument;

export type Restored =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'ok';
      readonly saved: Saved;
      /** Set when part of the copy was left out: why, and the raw copy to keep aside. */
      readonly partial?: { readonly reason: string; readonly raw: string };
    }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly raw: string };

export function restore(storage: AutosaveStorage): Restored {
  const raw = storage.opened;
  if (raw === null) return { kind: 'none' };
  const decoded = decodeDocument(raw);
  if (!decoded.ok) return { kind: 'unreadable', reason: decoded.reason, raw };
  const refused = decoded.refusedFlows;
  if (refused.length === 0) return { kind: 'ok', saved: decoded.document };
  const first = refused[0];
  return {
    kind: 'ok',
    saved: decoded.document,
    partial: {
      raw,
      reason: `${refused.length === 1 ? 'one sent flow' : `${refused.length} sent flows`} did not read: ${first?.message.replace(/\.$/, '')}`,
    },
  };
}

export interface Autosaver {
  save(saved: Saved): void;
  /** Writes what is pending now. */
  flush(): void;
  /** The page is being hidden: what is pending or still being written is kept at once. */
  hide(): void;
  /** While held nothing is written: a copy that must not be overwritten is still in storage. */
  hold(): void;
  release(): void;
}

/** Saves after `delayMs` of quiet. Reports a failed write once per streak of failures. */
export function autosaver(
  storage: AutosaveStorage,
  delayMs: number,
  onError: (message: string) => void,
): Autosaver {
  // what is waiting to be written: a document, or already its text (encoded when the page hid)
  let pending: Saved | string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failing = false;
  let held = false;
  // one write at a time: a large copy is megabytes, and only the newest one matters
  let writing: string | null = null;
  const textOf = (p: Saved | string) => (typeof p === 'string' ? p : encodeDocument(p));
  const written = () => {
    failing = false;
    settle();
  };
  const refused = (e: unknown) => {
    if (!failing) onError(failureText(e));
    failing = true;
    settle();
  };
  const settle = () => {
    writing = null;
    if (pending && !timer) flush();
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending || held || writing !== null) return;
    const next = pending;
    pending = null;
    try {
      const raw = textOf(next);
      writing = raw;
      const done = storage.write(raw);
      if (done) done.then(written, refused);
      else written();
    } catch (e) {
      refused(e);
    }
  };
  return {
    save(saved) {
      pending = saved;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    hide() {
      if (!held && storage.writeNow) {
        try {
          if (pending) pending = textOf(pending);
          const raw = pending ?? writing;
          if (raw !== null) storage.writeNow(raw);
        } catch {
          // too large to keep at once: the write under way is all there is
        }
      }
      flush();
    },
    hold: () => void (held = true),
    release() {
      held = false;
      if (pending) flush();
    },
  };
}

function failureText(e: unknown): string {
  const { name, message } =
    e instanceof Error || e instanceof DOMException ? e : new Error(String(e));
  return name === 'QuotaExceededError'
    ? 'Autosave failed: the browser storage is full — download your work to keep it.'
    : `Autosave failed (${message}) — download your work to keep it.`;
}

/** A copy kept in memory, for tests: `reopened` is the next page load. */
export class MemoryAutosave implements AutosaveStorage {
  current: string | null;
  constructor(readonly opened: string | null = null) {
    this.current = opened;
  }
  write(raw: string): void {
    this.current = raw;
  }
  /** The storage as the next page load would find it. */
  reopened(): MemoryAutosave {
    return new MemoryAutosave(this.current);
  }
}
