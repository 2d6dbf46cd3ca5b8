/**
 * Autosave of the document and the flows sent (architecture.md: document and flows yes, ui and
 * playback no). Writes are debounced and flushed when the page is hidden; a stored copy that no
 * longer reads is kept aside, never overwritten, and the user is told.
 */
import { parseScenario, type Flow, type Scenario } from '../model';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const AUTOSAVE_KEY = 'sg-lab.autosave';
export const UNREADABLE_KEY = 'sg-lab.autosave.unreadable';
const FORMAT = 'sg-lab.autosave';

export interface Saved {
  readonly scenario: Scenario;
  readonly flows: readonly Flow[];
}

export type Restored =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly saved: Saved }
  | { readonly kind: 'unreadable'; readonly reason: string };

function isFlow(x: unknown): x is Flow {
  const f = x as Partial<Flow> | null;
  return (
    !!f && typeof f.from === 'string' && typeof f.to === 'string' && typeof f.protocol === 'string'
  );
}

export function restore(storage: KeyValueStorage): Restored {
  let raw: string | null;
  try {
    raw = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return { kind: 'none' };
  }
  if (raw === null) return { kind: 'none' };
  const unreadable = (reason: string): Restored => {
    try {
      storage.setItem(UNREADABLE_KEY, raw);
    } catch {
      // keeping the copy is best effort; the message below still tells the user
    }
    return { kind: 'unreadable', reason };
  };
  let doc: { format?: unknown; scenario?: unknown; flows?: unknown };
  try {
    doc = JSON.parse(raw);
  } catch {
    return unreadable('it is not valid JSON');
  }
  if (doc?.format !== FORMAT) return unreadable('it is not an SG Lab autosave');
  const parsed = parseScenario(doc.scenario);
  if (!parsed.ok) return unreadable(parsed.issues[0]?.message ?? 'the scenario does not read');
  const flows = Array.isArray(doc.flows) ? doc.flows.filter(isFlow) : [];
  return { kind: 'ok', saved: { scenario: parsed.scenario, flows } };
}

/** Saves after `delayMs` of quiet; `flush` saves now. Reports a failed write once per streak. */
export function autosaver(
  storage: KeyValueStorage,
  delayMs: number,
  onError: (message: string) => void,
): { save(saved: Saved): void; flush(): void } {
  let pending: Saved | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failing = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const doc = { format: FORMAT, version: 1, ...pending };
    pending = null;
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(doc));
      failing = false;
    } catch (e) {
      if (!failing)
        onError(
          `Autosave failed (${(e as Error).name === 'QuotaExceededError' ? 'the browser storage is full' : (e as Error).message}): export your work to keep it.`,
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
  };
}
