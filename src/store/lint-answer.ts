/**
 * The worker's answer as what changed: an edit changes a few findings of tens of thousands, and
 * copying them all back to the page (structured clone) cost it ~40 ms an edit at 10,000
 * instances. The answer names, per finding (and per issue of the world), its place in the last
 * list sent, or a new one.
 */
import type { Finding, Issue } from '../model';

export interface ListAnswer<T> {
  /** Per item: its index in the last list, or -(k + 1) for added[k]. */
  readonly order: Int32Array;
  readonly added: readonly T[];
}

export interface LintAnswer {
  readonly seq: number;
  readonly findings: ListAnswer<Finding>;
  /** What validateWorld says of the document: the checks AWS would make. */
  readonly issues: ListAnswer<Issue>;
}

/** The worker's side of one list: keeps the last list it sent. */
function listEncoder<T>() {
  let positions = new Map<T, number>();
  return (list: readonly T[]): ListAnswer<T> => {
    const order = new Int32Array(list.length);
    const added: T[] = [];
    list.forEach((item, i) => {
      const at = positions.get(item);
      if (at === undefined) order[i] = -(added.push(item) + 0);
      else order[i] = at;
    });
    positions = new Map(list.map((item, i) => [item, i]));
    return { order, added };
  };
}

/** The page's side of one list: every answer, in the order sent, rebuilt on the last one. */
function listDecoder<T>() {
  let last: readonly T[] = [];
  return (a: ListAnswer<T>): readonly T[] => {
    const prev = last;
    last = Array.from(a.order, (k) => (k >= 0 ? prev[k] : a.added[-k - 1]) as T);
    return last;
  };
}

export function answerEncoder() {
  const findings = listEncoder<Finding>();
  const issues = listEncoder<Issue>();
  return (seq: number, f: readonly Finding[], i: readonly Issue[]): LintAnswer => ({
    seq,
    findings: findings(f),
    issues: issues(i),
  });
}

export function answerDecoder() {
  const findings = listDecoder<Finding>();
  const issues = listDecoder<Issue>();
  return (a: LintAnswer) => ({ list: findings(a.findings), issues: issues(a.issues) });
}
