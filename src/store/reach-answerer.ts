/**
 * The matrix worker's side, without the worker: it keeps a copy of the document (sent as
 * patches, doc-patch) and answers the window the page has in view — its cells, then the counts
 * of its rows and columns — working in slices so that a newer window or an edit is heard
 * between them and the older window is dropped.
 */
import {
  computeReachability,
  prepareReachability,
  type Reachability,
  type Service,
} from '../engine';
import type { Scenario } from '../model';
import { applyDocPatch, type DocPatch } from './doc-patch';
import { countOnce, countsOf, markOf } from './matrix-cells';

export type ReachRequest =
  | { readonly kind: 'document'; readonly patch: DocPatch }
  | {
      readonly kind: 'window';
      readonly ask: number;
      readonly service: Service;
      /** Endpoint indices (matrixEndpoints) of the rows and columns in view. */
      readonly rows: readonly number[];
      readonly cols: readonly number[];
      /** Rows and columns whose "reaches N" / "reached from N" the page still needs. */
      readonly countRows: readonly number[];
      readonly countCols: readonly number[];
    };

type WindowRequest = Extract<ReachRequest, { kind: 'window' }>;

export type ReachAnswer =
  | { readonly kind: 'progress'; readonly ask: number; readonly done: number }
  | {
      readonly kind: 'cells';
      readonly ask: number;
      readonly rows: readonly number[];
      readonly cols: readonly number[];
      /** rows × cols marks (matrix-cells' markOf), row after row. */
      readonly marks: Uint8Array;
    }
  /** The worker could not work the window out (the engine threw): the view says so. */
  | { readonly kind: 'failed'; readonly ask: number; readonly message: string }
  | {
      readonly kind: 'counts';
      readonly ask: number;
      readonly reaches: readonly (readonly [number, number])[];
      readonly reachedBy: readonly (readonly [number, number])[];
    };

/** Each slice of work stops after this long, so that a new request is heard. */
const SLICE_MS = 12;

/**
 * `post` sends an answer; `later` runs its callback in a new task (in the worker, after the
 * messages that came meanwhile).
 */
export function reachAnswerer(post: (a: ReachAnswer) => void, later: (run: () => void) => void) {
  let doc: Scenario | null = null;
  /** The newest window and how far its answer got. */
  let current: { req: WindowRequest; cellsSent: boolean; row: number; col: number } | null = null;
  let running = false;
  // one matrix per service for the document kept: its composed rows and counts stay with it
  let matrices = new Map<string, Reachability>();

  const matrixOf = (s: Scenario, service: Service): Reachability => {
    const key = JSON.stringify(service);
    let m = matrices.get(key);
    if (!m) matrices.set(key, (m = computeReachability(s, service)));
    return m;
  };

  function work() {
    const w = current;
    if (!w || !doc) {
      running = false;
      return;
    }
    try {
      answer(w, doc);
    } catch (e) {
      // this window is not answered; a new document or window is tried afresh
      post({ kind: 'failed', ask: w.req.ask, message: e instanceof Error ? e.message : String(e) });
      if (current === w) current = null;
      running = false;
      if (current) schedule();
    }
  }

  /** One slice of the window's answer: the matrix made, then its cells, then its counts. */
  function answer(w: NonNullable<typeof current>, s: Scenario) {
    const { req } = w;
    const start = performance.now();
    const done = prepareReachability(s, req.service, SLICE_MS);
    if (done < 1) {
      post({ kind: 'progress', ask: req.ask, done });
      later(work);
      return;
    }
    const m = matrixOf(s, req.service);
    if (!w.cellsSent) {
      const marks = new Uint8Array(req.rows.length * req.cols.length);
      let k = 0;
      for (const r of req.rows) for (const c of req.cols) marks[k++] = markOf(m, r, c);
      post({ kind: 'cells', ask: req.ask, rows: req.rows, cols: req.cols, marks });
      w.cellsSent = true;
    }
    const cache = countsOf(m);
    const reaches: [number, number][] = [];
    const reachedBy: [number, number][] = [];
    const out = () => performance.now() - start > SLICE_MS;
    for (; w.row < req.countRows.length && !out(); w.row++) {
      const i = req.countRows[w.row] as number;
      reaches.push([i, countOnce(cache.reaches, i, (e) => m.reachesCount(e))]);
    }
    for (; w.col < req.countCols.length && !out(); w.col++) {
      const i = req.countCols[w.col] as number;
      reachedBy.push([i, countOnce(cache.by, i, (e) => m.reachedByCount(e))]);
    }
    if (reaches.length + reachedBy.length > 0)
      post({ kind: 'counts', ask: req.ask, reaches, reachedBy });
    if (w.row < req.countRows.length || w.col < req.countCols.length) {
      later(work);
      return;
    }
    if (current === w) current = null;
    running = false;
    if (current) schedule();
  }

  function schedule() {
    if (running) return;
    running = true;
    later(work);
  }

  return {
    receive(m: ReachRequest) {
      if (m.kind === 'document') {
        doc = applyDocPatch(doc, m.patch);
        matrices = new Map();
        // a window asked of the document before is not answered of this one
        current = null;
        return;
      }
      current = { req: m, cellsSent: false, row: 0, col: 0 };
      schedule();
    },
  };
}
