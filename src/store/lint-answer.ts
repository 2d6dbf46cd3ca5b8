/**
 * The worker's answer as what changed: an edit changes a few findings of tens of thousands, and
 * copying them all back to the page (structured clone) cost it ~40 ms an edit at 10,000
 * instances. The answer names, per finding, its place in the last list sent, or a new one.
 */
import type { Finding } from '../model';

export interface LintAnswer {
  readonly seq: number;
  /** Per finding: its index in the last list, or -(k + 1) for added[k]. */
  readonly order: Int32Array;
  readonly added: readonly Finding[];
}

/** The worker's side: keeps the last list it sent. */
export function answerEncoder() {
  let positions = new Map<Finding, number>();
  return (seq: number, list: readonly Finding[]): LintAnswer => {
    const order = new Int32Array(list.length);
    const added: Finding[] = [];
    list.forEach((f, i) => {
      const at = positions.get(f);
      if (at === undefined) order[i] = -(added.push(f) + 0);
      else order[i] = at;
    });
    positions = new Map(list.map((f, i) => [f, i]));
    return { seq, order, added };
  };
}

/** The page's side: every answer, in the order sent, rebuilt on the last one. */
export function answerDecoder() {
  let last: readonly Finding[] = [];
  return (a: LintAnswer): readonly Finding[] => {
    const prev = last;
    last = Array.from(a.order, (k) => (k >= 0 ? prev[k] : a.added[-k - 1]) as Finding);
    return last;
  };
}
