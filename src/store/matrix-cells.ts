/**
 * What the matrix view reads: a cell's mark and the counts of the rows and columns in view, from
 * the engine in the page (a small document) or from the matrix worker (reach-client). The view
 * does not know which: it asks for the window it shows and is told when more of it is known.
 */
import type { Reachability } from '../engine';
import type { Scenario } from '../model';

export interface Mark {
  readonly allowed: boolean;
  /** Denied, but a balancer delivers it on some (node, target) pairs. */
  readonly partial: boolean;
  /** Of the document before the last edit, shown until this one's answer comes. */
  readonly stale: boolean;
}

/** A cell's mark as a number (what the worker sends): denied, allowed, or partial. */
const DENIED = 0;
const ALLOWED = 1;
const PARTIAL = 2;

export function markOf(m: Reachability, from: number, to: number): number {
  if (m.isAllowed(from, to)) return ALLOWED;
  return m.isPartial(from, to) ? PARTIAL : DENIED;
}

const marks = (stale: boolean): readonly Mark[] => [
  { allowed: false, partial: false, stale }, // DENIED
  { allowed: true, partial: false, stale }, // ALLOWED
  { allowed: false, partial: true, stale }, // PARTIAL
];
/** Per stale-or-not, per DENIED / ALLOWED / PARTIAL: the few marks there are, made once. */
export const MARKS = [marks(false), marks(true)] as const;

/** A matrix's row and column counts worked out so far. */
export interface Counts {
  readonly reaches: Map<number, number>;
  readonly by: Map<number, number>;
}

const countCache = new WeakMap<Reachability, Counts>();

/** Per matrix (a new one after each edit), its counts: the page's and the worker's alike. */
export function countsOf(m: Reachability): Counts {
  let c = countCache.get(m);
  if (!c) countCache.set(m, (c = { reaches: new Map(), by: new Map() }));
  return c;
}

/** The count of endpoint i kept in `map`, worked out now if it is not there yet. */
export function countOnce(map: Map<number, number>, i: number, count: (i: number) => number) {
  let v = map.get(i);
  if (v === undefined) map.set(i, (v = count(i)));
  return v;
}

export interface MatrixCells {
  /** Ids of the instances, then balancers, then hosts: the rows' and columns' endpoints. */
  readonly endpoints: readonly string[];
  /** How far the first matrix of this service is worked out; the cells are shown at 1. */
  readonly progress: number;
  /** Why the cells in view could not be worked out (the matrix worker failed), else null. */
  readonly failed: string | null;
  /** A cell's mark, or null until it is worked out. */
  cell(from: number, to: number): Mark | null;
  /** How many `from` reaches; null: not counted (a walk per cell), undefined: not yet. */
  reaches(from: number): number | null | undefined;
  /** How many reach `to`; null: not counted, undefined: not yet. */
  reachedBy(to: number): number | null | undefined;
  /**
   * The rows and columns in view: their cells and counts are worked out (after this paint) and
   * `changed` is called as more is known. Gives what stops it.
   */
  want(rows: readonly number[], cols: readonly number[], changed: () => void): () => void;
}

/** Past this many endpoints, a balancer's or a host's row is not counted (each cell is a walk). */
export const COUNT_WALKS_UP_TO = 2000;
/** Past this many endpoints the counts in view are filled in after the cells are drawn. */
const COUNT_LATER_FROM = 5000;
/** Counting after paint stops for a frame after this long. */
const COUNT_SLICE_MS = 12;

/** Whether endpoint i's row and column are counted. */
export const isCounted = (s: Scenario, total: number, i: number): boolean =>
  i < s.instances.length || total <= COUNT_WALKS_UP_TO;

/** The matrix worked out in the page, where it is asked (computeReachability, kept per document). */
export function matrixCellsInPage(s: Scenario, m: Reachability): MatrixCells {
  const { reaches, by } = countsOf(m);
  const total = m.endpoints.length;
  const now = total < COUNT_LATER_FROM;
  const read = (map: Map<number, number>, i: number, f: (i: number) => number) => {
    if (!isCounted(s, total, i)) return null;
    return now ? countOnce(map, i, f) : map.get(i);
  };
  const reachesOf = (i: number) => m.reachesCount(i);
  const byOf = (i: number) => m.reachedByCount(i);
  /** Missing counts of these rows and columns for a few milliseconds: how many, whether any left. */
  const fill = (rows: readonly number[], cols: readonly number[]) => {
    const start = performance.now();
    let added = 0;
    for (const [list, map, f] of [
      [rows, reaches, reachesOf],
      [cols, by, byOf],
    ] as const)
      for (const i of list) {
        if (!isCounted(s, total, i) || map.has(i)) continue;
        if (performance.now() - start > COUNT_SLICE_MS) return { added, left: true };
        countOnce(map, i, f);
        added++;
      }
    return { added, left: false };
  };
  return {
    endpoints: m.endpoints,
    progress: 1,
    // an engine error here is thrown while rendering, and the panel's boundary shows it
    failed: null,
    cell: (from, to) => MARKS[0][markOf(m, from, to)] as Mark,
    reaches: (i) => read(reaches, i, reachesOf),
    reachedBy: (i) => read(by, i, byOf),
    want(rows, cols, changed) {
      if (now) return () => {};
      let frame = 0;
      const step = () => {
        const { added, left } = fill(rows, cols);
        // a new render only when there is something new to show (it asks again)
        if (added > 0) changed();
        else if (left) frame = requestAnimationFrame(step);
      };
      frame = requestAnimationFrame(step);
      return () => cancelAnimationFrame(frame);
    },
  };
}
