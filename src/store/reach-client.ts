/**
 * The page's side of the matrix worker (reach-worker.ts): a large document's matrix is worked
 * out there — its first making takes about a third of a second at 60,000 instances, a row's
 * count a few milliseconds — and the page keeps what it was told, per document and service.
 * The document goes over when a matrix is first wanted, then as what each edit changed.
 */
import { matrixEndpoints, type Service } from '../engine';
import type { Scenario } from '../model';
import { diffDoc } from './doc-patch';
import { partsJoiner, partsSender } from './in-parts';
import type { WorkerLike } from './lint';
import { isCounted, MARKS, type Mark, type MatrixCells } from './matrix-cells';
import type { ReachAnswer, ReachRequest } from './reach-answerer';

/** From this many instances a first matrix passes 50 ms in the page: it is made in the worker. */
export const REACH_IN_WORKER_FROM = 5000;

/** What the page was told of one document's matrix for one service. */
interface Known {
  readonly doc: Scenario;
  /** Endpoints: a cell's key is from × n + to. */
  readonly n: number;
  readonly marks: Map<number, number>;
  readonly reaches: Map<number, number>;
  readonly reachedBy: Map<number, number>;
  progress: number;
  failed: string | null;
}

const known = (doc: Scenario, n: number): Known => ({
  doc,
  n,
  marks: new Map(),
  reaches: new Map(),
  reachedBy: new Map(),
  progress: 0,
  failed: null,
});

/** Endpoint i is the same in both: no instance, balancer or host was added, removed or moved. */
const sameEndpoints = (a: Scenario, b: Scenario): boolean =>
  a.instances === b.instances && a.loadBalancers === b.loadBalancers && a.hosts === b.hosts;

export interface ReachClient {
  /** The matrix of this document and service, as known so far (read while rendering). */
  cells(s: Scenario, service: Service): MatrixCells;
  /** Sends the document and has the worker make its first matrix of a service, before it is shown. */
  warm(s: Scenario, service: Service): void;
}

export function reachClient(make: () => WorkerLike): ReachClient {
  let send: ((m: ReachRequest) => void) | null = null;
  let broken: string | null = null;
  let sent: Scenario | null = null;
  let askSeq = 0;
  /** The window last asked for, and of which document. */
  let lastWindow = '';
  let lastDoc: Scenario | null = null;
  /** Asks not yet superseded, and whose answers they are. */
  const asks = new Map<number, Known>();
  /** What each document's matrices were told, per service: undo finds its answers again. */
  const knownOf = new WeakMap<Scenario, Map<string, Known>>();
  /**
   * Per service: the answers of the document last read, of the one before it that had any (its
   * cells are shown, marked stale, until the current one's come), and whether a matrix of it
   * was ever shown.
   */
  const perService = new Map<string, { now: Known; before: Known | null; shown: boolean }>();
  const listeners = new Set<() => void>();
  // the endpoints of the last document read: a rule edit keeps them (60,000 ids, not made again)
  let lastEndpoints: { doc: Scenario; ids: string[] } | null = null;
  const endpointsOf = (s: Scenario): string[] => {
    if (!lastEndpoints || !sameEndpoints(lastEndpoints.doc, s))
      lastEndpoints = { doc: s, ids: matrixEndpoints(s) };
    return lastEndpoints.ids;
  };

  const receive = (a: ReachAnswer) => {
    const k = asks.get(a.ask);
    if (!k) return;
    if (a.kind === 'progress') k.progress = a.done;
    else if (a.kind === 'failed') k.failed = a.message;
    else if (a.kind === 'cells') {
      k.progress = 1;
      let i = 0;
      for (const r of a.rows)
        for (const c of a.cols) k.marks.set(r * k.n + c, a.marks[i++] as number);
    } else {
      for (const [e, v] of a.reaches) k.reaches.set(e, v);
      for (const [e, v] of a.reachedBy) k.reachedBy.set(e, v);
    }
    for (const l of [...listeners]) l();
  };

  const post = (m: ReachRequest) => {
    if (!send) {
      const worker = make();
      const join = partsJoiner<ReachAnswer>();
      worker.onmessage = (e) => {
        const a = join(e.data);
        if (a) receive(a);
      };
      worker.onerror = (e) => {
        // a worker that failed to load or threw outside an answer is not asked again; handled
        // here, its error is not the page's uncaught one
        e.preventDefault?.();
        broken = e.message ?? 'the matrix worker stopped';
        for (const ask of asks.keys()) receive({ kind: 'failed', ask, message: broken });
      };
      send = partsSender((part) => worker.postMessage(part));
    }
    send(m);
  };

  const entryOf = (s: Scenario, key: string, n: number) => {
    let byService = knownOf.get(s);
    if (!byService) knownOf.set(s, (byService = new Map()));
    let now = byService.get(key);
    if (!now) byService.set(key, (now = known(s, n)));
    let e = perService.get(key);
    if (!e) perService.set(key, (e = { now, before: null, shown: false }));
    else if (e.now !== now) {
      if (e.now.marks.size > 0) e.before = e.now;
      e.now = now;
    }
    if (now.progress >= 1) e.shown = true;
    const before = e.before && e.before !== now && sameEndpoints(e.before.doc, s) ? e.before : null;
    return { now, before, shown: e.shown };
  };

  const client: ReachClient = {
    warm(s, service) {
      // the window of no rows: the worker makes the matrix, and the view finds it ready
      client.cells(s, service).want([], [], () => {})();
    },
    cells(s, service) {
      const key = JSON.stringify(service);
      const endpoints = endpointsOf(s);
      const total = endpoints.length;
      const e = entryOf(s, key, total);
      const { now, before } = e;
      const count = (map: Map<number, number>, i: number) =>
        isCounted(s, total, i) ? map.get(i) : null;
      return {
        endpoints,
        // once a service's matrix was shown, an edit shows the last cells (stale) meanwhile
        progress: e.shown ? 1 : now.progress,
        failed: now.failed,
        cell(from, to): Mark | null {
          const k = from * now.n + to;
          const mark = now.marks.get(k);
          if (mark !== undefined) return MARKS[0][mark] ?? null;
          const old = before?.marks.get(k);
          return old === undefined ? null : (MARKS[1][old] ?? null);
        },
        reaches: (i) => count(now.reaches, i),
        reachedBy: (i) => count(now.reachedBy, i),
        want(rows, cols, changed) {
          listeners.add(changed);
          const window = `${key}|${rows.join()}|${cols.join()}`;
          const missing = (map: Map<number, number>, list: readonly number[]) =>
            list.filter((i) => isCounted(s, total, i) && !map.has(i));
          const countRows = missing(now.reaches, rows);
          const countCols = missing(now.reachedBy, cols);
          const cellsKnown =
            now.progress >= 1 && rows.every((r) => cols.every((c) => now.marks.has(r * now.n + c)));
          const asked = window === lastWindow && s === lastDoc;
          if (broken) {
            if (now.failed !== broken) {
              now.failed = broken;
              changed();
            }
          } else if (!asked && !(cellsKnown && !countRows.length && !countCols.length)) {
            // the document first, as what changed since the last one sent
            if (sent !== s) post({ kind: 'document', patch: diffDoc(sent, s) });
            sent = s;
            lastWindow = window;
            lastDoc = s;
            const ask = ++askSeq;
            // the worker answers the newest window only
            asks.clear();
            asks.set(ask, now);
            post({ kind: 'window', ask, service, rows, cols, countRows, countCols });
          }
          return () => listeners.delete(changed);
        },
      };
    },
  };
  return client;
}
