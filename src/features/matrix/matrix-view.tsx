/**
 * The reachability matrix: sources as rows, destinations as columns, ✓ or ✗ for one service.
 * Only the cells in view are rendered (fixed-size cells, our own windowing), so the 1,000-instance
 * scenario scrolls smoothly; filters keep the instances of one subnet or one group.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import { FLOW_SERVICES, serviceLabel, type Flow } from '../../model';
import { endpointLabel, reachabilityOf } from '../../store';

const CELL = 28;
const HEAD_W = 150;
const HEAD_H = 96;
const OVERSCAN = 4;

export function MatrixView({ onOpenTrace }: { onOpenTrace: () => void }) {
  const scenario = useAppStore((s) => s.scenario);
  const inspect = useAppStore((s) => s.inspect);
  const [serviceId, setServiceId] = useState('https');
  const [filter, setFilter] = useState('');
  const service = (FLOW_SERVICES.find((p) => p.id === serviceId) ?? FLOW_SERVICES[0])!.service;
  const matrix = reachabilityOf(scenario, service);

  // indices into matrix.endpoints that pass the filter (load balancers and hosts always stay)
  const shown = useMemo(() => {
    const [kind, id] = filter.split(':');
    const keep = (i: number) => {
      const inst = scenario.instances[i];
      if (!inst || !kind) return true;
      return kind === 'subnet' ? inst.subnetId === id : inst.securityGroupIds.includes(id ?? '');
    };
    return matrix.endpoints.map((_, i) => i).filter(keep);
  }, [matrix, filter, scenario.instances]);

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

  const n = shown.length;
  const firstRow = Math.max(0, Math.floor(view.top / CELL) - OVERSCAN);
  const lastRow = Math.min(n, Math.ceil((view.top + view.height - HEAD_H) / CELL) + OVERSCAN);
  const firstCol = Math.max(0, Math.floor(view.left / CELL) - OVERSCAN);
  const lastCol = Math.min(n, Math.ceil((view.left + view.width - HEAD_W) / CELL) + OVERSCAN);
  const rows = shown.slice(firstRow, lastRow);
  const cols = shown.slice(firstCol, lastCol);
  const name = (i: number) => endpointLabel(scenario, matrix.endpoints[i] ?? '');
  const flowOf = (from: number, to: number): Flow => ({
    ...service,
    from: matrix.endpoints[from] ?? '',
    to: matrix.endpoints[to] ?? '',
  });
  const open = (r: number, c: number) => {
    inspect({ flow: flowOf(shown[r] ?? 0, shown[c] ?? 0) });
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
    const r = Math.min(Math.max(active.r + m[0], 0), n - 1);
    const c = Math.min(Math.max(active.c + m[1], 0), n - 1);
    focusCell(r, c);
    setWantFocus(true);
  };

  return (
    <div className="matrix">
      <div className="matrix-controls">
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
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="">every instance</option>
            <optgroup label="Instances in subnet">
              {scenario.subnets.map((sn) => (
                <option key={sn.id} value={`subnet:${sn.id}`}>
                  {sn.name ?? sn.id}
                </option>
              ))}
            </optgroup>
            <optgroup label="Instances in group">
              {scenario.securityGroups.map((g) => (
                <option key={g.id} value={`group:${g.id}`}>
                  {g.name} ({g.id})
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <span className="muted small">
          {n} × {n} {serviceLabel(service)}; ✓ allowed, ✗ denied, ◐ partial (a balancer drops it on
          some pairs: it fails only sometimes); a cell opens its trace.
        </span>
      </div>
      <div
        ref={scroller}
        className="matrix-scroll"
        role="grid"
        aria-label={`Reachability for ${serviceLabel(service)}: rows are sources, columns destinations`}
        aria-rowcount={n + 1}
        aria-colcount={n + 1}
        // the grid itself is a tab stop too: the active cell may be scrolled out of the DOM
        tabIndex={0}
        onKeyDown={onKey}
      >
        <div style={{ width: HEAD_W + n * CELL, height: HEAD_H + n * CELL, position: 'relative' }}>
          <div
            role="row"
            aria-rowindex={1}
            className="matrix-colheads"
            style={{ height: HEAD_H, width: HEAD_W + n * CELL }}
          >
            <span
              role="columnheader"
              aria-colindex={1}
              className="matrix-corner"
              style={{ width: HEAD_W, height: HEAD_H }}
            >
              from ↓ to →
            </span>
            {cols.map((col, k) => (
              <span
                key={col}
                role="columnheader"
                aria-colindex={firstCol + k + 2}
                className="matrix-colhead"
                title={name(col)}
                style={{ left: HEAD_W + (firstCol + k) * CELL, width: CELL, height: HEAD_H }}
              >
                <span>{name(col)}</span>
              </span>
            ))}
          </div>
          {rows.map((row, i) => {
            const r = firstRow + i;
            return (
              <div
                key={row}
                role="row"
                aria-rowindex={r + 2}
                className="matrix-row"
                style={{ top: HEAD_H + r * CELL, height: CELL }}
              >
                <span
                  role="rowheader"
                  className="matrix-rowhead"
                  title={name(row)}
                  style={{ width: HEAD_W }}
                >
                  {name(row)}
                </span>
                {cols.map((col, k) => {
                  const c = firstCol + k;
                  const ok = matrix.isAllowed(row, col);
                  // a balancer that delivers on some pairs only: its own mark and words
                  const partly = !ok && matrix.isPartial(row, col);
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
                        tabIndex={active.r === r && active.c === c ? 0 : -1}
                        className={`matrix-cell ${ok ? 'yes' : partly ? 'partial' : 'no'}`}
                        aria-label={`${name(row)} to ${name(col)}: ${ok ? 'allowed' : partly ? 'partial: fails on some (node, target) pairs' : 'denied'}`}
                        title={partly ? 'Partial: some (node, target) pairs drop it' : undefined}
                        onFocus={() => setActive({ r, c })}
                        onClick={() => open(r, c)}
                      >
                        {ok ? '✓' : partly ? '◐' : '✗'}
                      </button>
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
