/**
 * The reachability matrix: sources as rows, destinations as columns, ✓ or ✗ for one service.
 * Only the cells in view are rendered (fixed-size cells, our own windowing), so a 60,000-instance
 * world scrolls; rows and columns each keep one subnet or group and what matches a search, and
 * the rows and columns in view say how many they reach or are reached from.
 */
import {
  startTransition,
  useDeferredValue,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { findQuery, groupFound, instanceFound, LISTED_UP_TO } from '../../components/find';
import { useAppStore } from '../../hooks/use-app-store';
import {
  formatCount,
  FLOW_SERVICES,
  MATRIX_FIRST_SERVICE,
  serviceLabel,
  type Flow,
  type Scenario,
} from '../../model';
import { matrixCellsOf, type MatrixCells } from '../../store';

const CELL = 28;
const HEAD_W = 150;
const HEAD_H = 96;
const OVERSCAN = 4;

/** What the rows and columns are made of: a rule edit keeps every part. */
interface Endpoints {
  readonly instances: Scenario['instances'];
  readonly loadBalancers: Scenario['loadBalancers'];
  readonly hosts: Scenario['hosts'];
  /** Its groups' ids and names (what a search matches), kept while none is renamed or added. */
  readonly groups: readonly Pick<Scenario['securityGroups'][number], 'id' | 'name'>[];
}

/** Endpoint i's name: the matrix lists instances, then balancers, then hosts (no search by id). */
function labeller(e: Endpoints): (i: number) => string {
  const lbs = e.loadBalancers ?? [];
  const n = e.instances.length;
  return (i) => {
    const inst = e.instances[i];
    if (inst) return inst.name ?? inst.id;
    const lb = lbs[i - n];
    if (lb) return lb.name;
    const h = e.hosts?.[i - n - lbs.length];
    return h ? h.name : '';
  };
}

/**
 * The document's endpoints, the same object while they are the same: re-filtering 60,000
 * instances for each axis was 16 ms of every rule edit's render with the matrix open.
 */
function useEndpoints(s: Scenario): Endpoints {
  const last = useRef<Endpoints | null>(null);
  const was = last.current;
  const groups = s.securityGroups;
  const sameGroups =
    !!was &&
    (was.groups === groups ||
      (was.groups.length === groups.length &&
        groups.every((g, k) => g.id === was.groups[k]?.id && g.name === was.groups[k]?.name)));
  if (
    !was ||
    !sameGroups ||
    was.instances !== s.instances ||
    was.loadBalancers !== s.loadBalancers ||
    was.hosts !== s.hosts
  )
    last.current = {
      instances: s.instances,
      loadBalancers: s.loadBalancers,
      hosts: s.hosts,
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
    };
  return last.current as Endpoints;
}

/**
 * Endpoints kept by a subnet or group choice ("subnet:id", "group:id") and a search: an
 * endpoint's name, an instance's id, the start of its private address, or the id or name of one
 * of its groups (the way to pick one of a thousand groups).
 */
function keep(
  s: Endpoints,
  label: (i: number) => string,
  total: number,
  choice: string,
  query: string,
): number[] {
  const [kind, id] = choice.split(':');
  const q = findQuery(query);
  // per group, whether the search names it: each group read once, not once per carrier
  const named = new Map(q ? s.groups.map((g) => [g.id, groupFound(g, q)]) : []);
  const out: number[] = [];
  for (let i = 0; i < total; i++) {
    const inst = s.instances[i];
    // balancers and hosts stay whatever the subnet or group chosen
    if (
      inst &&
      kind &&
      (kind === 'subnet' ? inst.subnetId !== id : !inst.securityGroupIds.includes(id ?? ''))
    )
      continue;
    if (
      q &&
      !(inst
        ? instanceFound(inst, q) || inst.securityGroupIds.some((g) => named.get(g))
        : label(i).toLowerCase().includes(q))
    )
      continue;
    out.push(i);
  }
  return out;
}

/**
 * The service picked, and the matrix of it: a large account's first matrix is worked out in the
 * matrix worker (about a third of a second at 60,000 instances) with its progress shown.
 */
export function MatrixView({ onOpenTrace }: { onOpenTrace: () => void }) {
  const scenario = useAppStore((s) => s.scenario);
  const reach = useAppStore((s) => s.reach);
  const [serviceId, setServiceId] = useState(MATRIX_FIRST_SERVICE.id);
  const service = (FLOW_SERVICES.find((p) => p.id === serviceId) ?? FLOW_SERVICES[0])!.service;
  const cells = matrixCellsOf({ scenario, reach }, service);
  const [, changed] = useReducer((k: number) => k + 1, 0);
  const ready = cells.progress >= 1;
  // until the first matrix is ready, the window asked for is none: the worker says how far it got
  useEffect(() => (ready ? undefined : cells.want([], [], changed)));
  // the grid's first render (a few hundred cells, 60 ms at 60,000 instances) is a transition,
  // row by row after the tab's own frame, not part of the click that opened it
  const [opened, setOpened] = useState(false);
  useEffect(() => startTransition(() => setOpened(true)), []);
  const select = (
    <label>
      Service{' '}
      <select value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
        {FLOW_SERVICES.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
  if (!opened && ready)
    return (
      <div className="matrix">
        <div className="matrix-controls">{select}</div>
      </div>
    );
  if (!ready)
    return (
      <div className="matrix">
        <div className="matrix-controls">{select}</div>
        {cells.failed ? (
          <Failed why={cells.failed} />
        ) : (
          <p role="status" className="matrix-progress">
            Working out who reaches whom among {formatCount(scenario.instances.length)} instances
            for {serviceLabel(service)}… {Math.round(cells.progress * 100)}%
            <progress max={1} value={cells.progress} aria-label="Working out the matrix" />
          </p>
        )}
      </div>
    );
  return (
    <MatrixGrid
      service={service}
      cells={cells}
      onChanged={changed}
      serviceControl={select}
      onOpenTrace={onOpenTrace}
    />
  );
}

/** The matrix worker could not answer: said where the cells would be, with the way on. */
function Failed({ why }: { why: string }) {
  return (
    <p role="alert" className="matrix-failed">
      The matrix could not be worked out ({why}). Send &amp; trace still answers any pair.
    </p>
  );
}

function MatrixGrid({
  service,
  cells,
  onChanged,
  serviceControl,
  onOpenTrace,
}: {
  service: (typeof FLOW_SERVICES)[number]['service'];
  cells: MatrixCells;
  /** Called when more of the window is known (a render reads it). */
  onChanged: () => void;
  serviceControl: ReactNode;
  onOpenTrace: () => void;
}) {
  const scenario = useAppStore((s) => s.scenario);
  const inspect = useAppStore((s) => s.inspect);
  const endpoints = useEndpoints(scenario);
  const name = useMemo(() => labeller(endpoints), [endpoints]);
  const total = cells.endpoints.length;
  const rowAxis = useAxis(endpoints, name, total);
  const colAxis = useAxis(endpoints, name, total);
  const shownRows = rowAxis.shown;
  const shownCols = colAxis.shown;

  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, width: 800, height: 420 });
  const [active, setActive] = useState({ r: 0, c: 0 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setView({
        top: el.scrollTop,
        left: el.scrollLeft,
        width: el.clientWidth,
        height: el.clientHeight,
      });
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      ro?.disconnect();
    };
  }, []);

  const nRows = shownRows.length;
  const nCols = shownCols.length;
  const firstRow = Math.max(0, Math.floor(view.top / CELL) - OVERSCAN);
  const lastRow = Math.min(nRows, Math.ceil((view.top + view.height - HEAD_H) / CELL) + OVERSCAN);
  const firstCol = Math.max(0, Math.floor(view.left / CELL) - OVERSCAN);
  const lastCol = Math.min(nCols, Math.ceil((view.left + view.width - HEAD_W) / CELL) + OVERSCAN);
  const rows = shownRows.slice(firstRow, lastRow);
  const cols = shownCols.slice(firstCol, lastCol);
  // the cells and counts in view, worked out after this paint (in a large world, in the worker)
  useEffect(() => cells.want(rows, cols, onChanged));
  // whether the cells in view are of the document before an edit (the worker answers a window
  // at once, so they all are: marked on the grid, not by changing every cell twice an edit), or
  // still being worked out
  let stale = false;
  let pending = false;
  for (const r of rows)
    for (const c of cols) {
      const m = cells.cell(r, c);
      if (!m) pending = true;
      else if (m.stale) stale = true;
    }
  const updating = stale || pending;
  const flowOf = (from: number, to: number): Flow => ({
    ...service,
    from: cells.endpoints[from] ?? '',
    to: cells.endpoints[to] ?? '',
  });
  const open = (r: number, c: number) => {
    inspect({ flow: flowOf(shownRows[r] ?? 0, shownCols[c] ?? 0) });
    onOpenTrace();
  };

  const focusCell = (r: number, c: number) => {
    const el = scroller.current;
    if (!el) return;
    setActive({ r, c });
    // bring it into view; the effect below focuses it once rendered
    if (r * CELL < el.scrollTop) el.scrollTop = r * CELL;
    if ((r + 1) * CELL > el.scrollTop + el.clientHeight - HEAD_H)
      el.scrollTop = (r + 1) * CELL - el.clientHeight + HEAD_H;
    if (c * CELL < el.scrollLeft) el.scrollLeft = c * CELL;
    if ((c + 1) * CELL > el.scrollLeft + el.clientWidth - HEAD_W)
      el.scrollLeft = (c + 1) * CELL - el.clientWidth + HEAD_W;
  };
  const [wantFocus, setWantFocus] = useState(false);
  useEffect(() => {
    if (!wantFocus) return;
    scroller.current
      ?.querySelector<HTMLElement>(`[data-r="${active.r}"][data-c="${active.c}"]`)
      ?.focus();
    setWantFocus(false);
  }, [wantFocus, active, view]);
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const r = Math.min(Math.max(active.r + m[0], 0), nRows - 1);
    const c = Math.min(Math.max(active.c + m[1], 0), nCols - 1);
    focusCell(r, c);
    setWantFocus(true);
  };

  return (
    <div className="matrix">
      <div className="matrix-controls">
        {serviceControl}
        <MatrixFilter legend="Rows" what="Sources (rows)" scenario={scenario} axis={rowAxis} />
        <MatrixFilter
          legend="Columns"
          what="Destinations (columns)"
          scenario={scenario}
          axis={colAxis}
        />
        <span
          className="muted small"
          title="✓ allowed, ✗ denied, ◐ partial: a balancer drops it on some (node, target) pairs, so it fails only sometimes. A cell opens its trace. → how many a row reaches, ← how many reach a column (counted for the rows and columns in view)."
        >
          {formatCount(nRows)} × {formatCount(nCols)} of {formatCount(total)} · ✓ allowed ✗ denied ◐
          partial · →reaches ←reached from · a cell opens its trace
        </span>
        <span role="status" className="matrix-updating small">
          {cells.failed
            ? ''
            : stale
              ? 'Updating after your edit: the dashed cells are from before it…'
              : pending
                ? 'Working out the cells in view…'
                : ''}
        </span>
        {cells.failed && <Failed why={cells.failed} />}
      </div>
      <div
        ref={scroller}
        className={`matrix-scroll${stale ? ' stale' : ''}`}
        role="grid"
        aria-label={`Reachability for ${serviceLabel(service)}: rows are sources, columns destinations`}
        aria-rowcount={nRows + 1}
        aria-busy={updating}
        aria-colcount={nCols + 1}
        // the grid itself is a tab stop too: the active cell may be scrolled out of the DOM
        tabIndex={0}
        onKeyDown={onKey}
      >
        <div
          style={{
            width: HEAD_W + nCols * CELL,
            height: HEAD_H + nRows * CELL,
            position: 'relative',
          }}
        >
          <div
            role="row"
            aria-rowindex={1}
            className="matrix-colheads"
            style={{ height: HEAD_H, width: HEAD_W + nCols * CELL }}
          >
            <span
              role="columnheader"
              aria-colindex={1}
              className="matrix-corner"
              style={{ width: HEAD_W, height: HEAD_H }}
            >
              from ↓ to →
            </span>
            {cols.map((col, k) => {
              const by = cells.reachedBy(col);
              return (
                <span
                  key={col}
                  role="columnheader"
                  aria-colindex={firstCol + k + 2}
                  className="matrix-colhead"
                  title={`${name(col)}${by == null ? '' : `: reachable from ${formatCount(by)} of ${formatCount(total)}`}`}
                  style={{ left: HEAD_W + (firstCol + k) * CELL, width: CELL, height: HEAD_H }}
                >
                  <span>
                    {name(col)}
                    {by !== null && (
                      <small className="matrix-count">
                        {' '}
                        ←{by === undefined ? '…' : formatCount(by)}
                      </small>
                    )}
                  </span>
                </span>
              );
            })}
          </div>
          {rows.map((row, i) => (
            <MatrixRow
              key={row}
              cells={cells}
              row={row}
              r={firstRow + i}
              cols={cols}
              firstCol={firstCol}
              name={name}
              reach={cells.reaches(row)}
              total={total}
              activeCol={active.r === firstRow + i ? active.c : -1}
              onFocusCell={(r, c) => setActive({ r, c })}
              onOpen={open}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

/** One row in view: its header (and count) and the cells in view, each a button to its trace. */
function MatrixRow({
  cells,
  row,
  r,
  cols,
  firstCol,
  name,
  reach,
  total,
  activeCol,
  onFocusCell,
  onOpen,
}: {
  cells: MatrixCells;
  row: number;
  r: number;
  cols: readonly number[];
  firstCol: number;
  name: (i: number) => string;
  reach: number | null | undefined;
  total: number;
  /** The active cell's column when it is in this row, else -1. */
  activeCol: number;
  onFocusCell: (r: number, c: number) => void;
  onOpen: (r: number, c: number) => void;
}) {
  return (
    <div
      role="row"
      aria-rowindex={r + 2}
      className="matrix-row"
      style={{ top: HEAD_H + r * CELL, height: CELL }}
    >
      <span
        role="rowheader"
        className="matrix-rowhead"
        title={`${name(row)}${reach == null ? '' : `: reaches ${formatCount(reach)} of ${formatCount(total)}`}`}
        style={{ width: HEAD_W }}
      >
        {reach !== null && (
          <small className="matrix-count">→{reach === undefined ? '…' : formatCount(reach)} </small>
        )}
        {name(row)}
      </span>
      {cols.map((col, k) => {
        const c = firstCol + k;
        const mark = cells.cell(row, col);
        const ok = !!mark?.allowed;
        // a balancer that delivers on some pairs only: its own mark and words
        const partly = !!mark?.partial;
        const said = !mark
          ? 'working it out'
          : ok
            ? 'allowed'
            : partly
              ? 'partial: fails on some (node, target) pairs'
              : 'denied';
        return (
          <span
            key={col}
            role="gridcell"
            aria-colindex={c + 2}
            style={{ left: HEAD_W + c * CELL, width: CELL, height: CELL }}
            className="matrix-cell-wrap"
          >
            <button
              type="button"
              data-r={r}
              data-c={c}
              tabIndex={activeCol === c ? 0 : -1}
              className={`matrix-cell ${!mark ? 'pending' : ok ? 'yes' : partly ? 'partial' : 'no'}`}
              aria-label={`${name(row)} to ${name(col)}: ${said}`}
              title={partly ? 'Partial: some (node, target) pairs drop it' : undefined}
              onFocus={() => onFocusCell(r, c)}
              onClick={() => onOpen(r, c)}
            >
              {!mark ? '·' : ok ? '✓' : partly ? '◐' : '✗'}
            </button>
          </span>
        );
      })}
    </div>
  );
}

/** One axis of the matrix: the subnet or group kept, the search, and the endpoints they keep. */
function useAxis(endpoints: Endpoints, name: (i: number) => string, total: number) {
  const [choice, setChoice] = useState('');
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query);
  const shown = useMemo(
    () => keep(endpoints, name, total, choice, search),
    [endpoints, name, total, choice, search],
  );
  return { choice, setChoice, query, setQuery, shown };
}

function MatrixFilter({
  legend,
  what,
  scenario,
  axis,
}: {
  legend: string;
  /** The accessible name's start: "Sources (rows)" */
  what: string;
  scenario: Scenario;
  axis: ReturnType<typeof useAxis>;
}) {
  // a thousand options in each of two lists were ~65 ms of style and layout when the matrix
  // opened: past LISTED_UP_TO the find field names a group instead
  const many = scenario.securityGroups.length > LISTED_UP_TO;
  // the group chosen stays listed (chosen while the document had fewer groups)
  const groups = many
    ? scenario.securityGroups.filter((g) => axis.choice === `group:${g.id}`)
    : scenario.securityGroups;
  return (
    <fieldset className="matrix-filter">
      <legend>{legend}</legend>
      <select
        aria-label={`${what}: show`}
        value={axis.choice}
        onChange={(e) => axis.setChoice(e.target.value)}
      >
        <option value="">every instance</option>
        <optgroup label="Instances in subnet">
          {scenario.subnets.map((sn) => (
            <option key={sn.id} value={`subnet:${sn.id}`}>
              {sn.name ?? sn.id}
            </option>
          ))}
        </optgroup>
        <optgroup label="Instances in group">
          {groups.map((g) => (
            <option key={g.id} value={`group:${g.id}`}>
              {g.name} ({g.id})
            </option>
          ))}
          {many && (
            <option disabled value="">
              {formatCount(scenario.securityGroups.length)} groups: type one&apos;s name or id in
              find
            </option>
          )}
        </optgroup>
      </select>
      <input
        type="search"
        aria-label={`${what}: find`}
        title="An instance's name, id or private IP, or the name or id of one of its groups"
        placeholder="name, IP, group"
        value={axis.query}
        onChange={(e) => axis.setQuery(e.target.value)}
      />
    </fieldset>
  );
}
