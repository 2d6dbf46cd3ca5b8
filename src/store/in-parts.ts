/**
 * A large message sent between the page and a worker in parts. postMessage copies its message
 * (structured clone) in one task on each side: 60,000 instances cost the page about a tenth of a
 * second to send or to receive, a frozen page. Every long list inside the message's plain
 * objects travels instead as slices, one message each; the sender posts for a few milliseconds,
 * then waits for the page's other work to run, and the receiver takes each slice in a task of
 * its own.
 */
import { idleTask } from './next-task';

/** Lists longer than this are cut; a slice of groups (60 rules each) copies in a few ms. */
export const SLICE = 200;
/** The sender posts for this long before it lets the page paint. */
const BUDGET_MS = 8;

export type Part =
  | {
      /** The message, its long lists emptied, and how many slices will fill them. */
      readonly head: unknown;
      readonly slices: number;
    }
  | {
      /** Where the list is (keys from the message down), and its next items. */
      readonly path: readonly string[];
      readonly items: readonly unknown[];
    };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The message as parts, its head first; the value itself is not changed. */
export function partsOf(value: unknown, slice = SLICE): Part[] {
  const slices: Part[] = [];
  const cut = (v: unknown, path: readonly string[]): unknown => {
    if (Array.isArray(v) && v.length > slice) {
      for (let i = 0; i < v.length; i += slice) slices.push({ path, items: v.slice(i, i + slice) });
      return [];
    }
    if (!isPlainObject(v)) return v;
    let copy: Record<string, unknown> | null = null;
    for (const [key, field] of Object.entries(v)) {
      const kept = cut(field, [...path, key]);
      if (kept !== field) (copy ??= { ...v })[key] = kept;
    }
    return copy ?? v;
  };
  const head = cut(value, []);
  return [{ head, slices: slices.length }, ...slices];
}

/** The receiver's side: gives the whole message when its last part arrives, else null. */
export function partsJoiner<T>(): (part: Part) => T | null {
  let head: unknown = null;
  let left = 0;
  return (part) => {
    if ('head' in part) {
      head = part.head;
      left = part.slices;
    } else {
      let list: unknown = head;
      for (const key of part.path) list = (list as Record<string, unknown>)[key];
      (list as unknown[]).push(...part.items);
      left--;
    }
    return left === 0 ? (head as T) : null;
  };
}

/**
 * The sender's side: each message's parts posted in order, a small message at once (in the
 * caller's task), a large one over as many tasks as it needs; later messages wait their turn.
 */
export function partsSender(post: (part: Part) => void, slice = SLICE): (message: unknown) => void {
  let queue: Part[] = [];
  let next = 0;
  let waiting = false;
  const drain = () => {
    const start = performance.now();
    while (next < queue.length) {
      post(queue[next++] as Part);
      if (next < queue.length && performance.now() - start > BUDGET_MS) {
        waiting = true;
        void idleTask().then(() => {
          waiting = false;
          drain();
        });
        return;
      }
    }
    queue = [];
    next = 0;
  };
  return (message) => {
    queue.push(...partsOf(message, slice));
    if (!waiting) drain();
  };
}
