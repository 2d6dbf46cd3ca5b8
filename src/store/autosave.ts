/**
 * Autosave of the document and the flows sent (architecture.md: document and flows yes, ui and
 * playback no), in the interchange layer's document envelope. Writes are debounced and flushed
 * when the page is hidden. Reading never writes: a stored copy that does not read (or reads only
 * in part) comes back raw, and the saver is held until the store has put that copy somewhere safe,
 * so nothing overwrites it first.
 */
import { decodeDocument, encodeDocument, type SgDocument } from '../interchange/document';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const AUTOSAVE_KEY = 'sg-lab.autosave';

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

export function restore(storage: KeyValueStorage): Restored {
  let raw: string | null;
  try {
    raw = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return { kind: 'none' };
  }
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
  /** Writes what is pending now (the page is being hidden). */
  flush(): void;
  /** While held nothing is written: a copy that must not be overwritten is still in storage. */
  hold(): void;
  release(): void;
}

/** Saves after `delayMs` of quiet. Reports a failed write once per streak of failures. */
export function autosaver(
  storage: KeyValueStorage,
  delayMs: number,
  onError: (message: string) => void,
): Autosaver {
  let pending: Saved | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failing = false;
  let held = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending || held) return;
    const doc = pending;
    pending = null;
    try {
      storage.setItem(AUTOSAVE_KEY, encodeDocument(doc));
      failing = false;
    } catch (e) {
      if (!failing)
        onError(
          (e as Error).name === 'QuotaExceededError'
            ? 'Autosave failed: the browser storage is full — download your work to keep it.'
            : `Autosave failed (${(e as Error).message}) — download your work to keep it.`,
        );
      failing = true;
    }
  };
  return {
    save(saved) {
      pending = saved;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    hold: () => void (held = true),
    release() {
      held = false;
      if (pending) flush();
    },
  };
}
