/**
 * The packet drawn on the diagram: a line from the sender through each place it was checked
 * (internet gateway, a subnet's network ACL, load balancer, receiver) and back for the response
 * (through the ACLs the reply crosses), growing as the trace
 * plays; the packet itself a dot at the newest point, ✗ where it was stopped. Decoration only
 * (the trace and the live region say the same in words); still under reduced motion.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import { useReducedMotion } from '../../hooks/use-reduced-motion';
import { INTERNET_GATEWAY, type TraceStep } from '../../model';
import { inspectedVerdict } from '../../store';

interface Point {
  readonly x: number;
  readonly y: number;
  readonly verdict: 'allow' | 'deny' | 'skip';
}

/** Which element of the diagram each step happens at, in path order. */
function stops(
  at: readonly Pick<TraceStep, 'at' | 'where' | 'kind' | 'verdict' | 'reached'>[],
  from: string,
) {
  const out: { id: string; verdict: Point['verdict'] }[] = [{ id: from, verdict: 'allow' }];
  // the groups' answer is the way home; the ACLs the reply crosses on the way come first
  let home = false;
  for (const st of at) {
    // health checks are the balancer's own traffic; the pairs are a summary of its possible paths
    if (st.kind === 'health' || st.kind === 'pair') continue;
    if (st.reached === false) break; // the packet stopped at the blocker: draw nothing beyond
    if (st.kind === 'response' && st.where?.kind !== 'subnet-boundary') {
      home = true;
      continue;
    }
    // a step without a location (a route refused at a subnet or an instance) is named by its id
    const where = !st.where
      ? st.at
      : st.where.kind === 'gateway' && st.where.id === INTERNET_GATEWAY
        ? 'internet'
        : st.where.id;
    const last = out[out.length - 1];
    if (last && last.id === where) {
      if (st.verdict === 'deny') out[out.length - 1] = { id: where, verdict: 'deny' };
      continue;
    }
    out.push({ id: where, verdict: st.verdict });
    if (st.verdict === 'deny') return out;
  }
  if (home) out.push({ id: from, verdict: 'allow' });
  return out;
}

export function PacketPath({ container }: { container: RefObject<HTMLDivElement | null> }) {
  const scenario = useAppStore((s) => s.scenario);
  const inspected = useAppStore((s) => s.inspected);
  const step = useAppStore((s) => s.playback.step);
  const playing = useAppStore((s) => s.playback.playing);
  const reduced = useReducedMotion();
  const [points, setPoints] = useState<readonly Point[]>([]);

  useLayoutEffect(() => {
    const root = container.current;
    if (!root || !inspected) return setPoints([]);
    const steps = inspectedVerdict(scenario, inspected).steps;
    const shown = steps.slice(0, reduced ? steps.length : step + 1);
    const measure = () => {
      const box = root.getBoundingClientRect();
      const found: Point[] = [];
      let previous: Element | null = null;
      for (const s of stops(shown, inspected.flow.from)) {
        const el = root.querySelector<HTMLElement>(`[data-endpoint="${CSS.escape(s.id)}"]`);
        // steps named after something not drawn (the balancer by name) stay at the last place
        if (!el || el === previous) {
          const last = found[found.length - 1];
          if (last && s.verdict === 'deny') found[found.length - 1] = { ...last, verdict: 'deny' };
          continue;
        }
        previous = el;
        const r = el.getBoundingClientRect();
        found.push({
          x: r.left - box.left + r.width / 2,
          y: r.top - box.top + Math.min(r.height / 2, 18),
          verdict: s.verdict,
        });
      }
      setPoints(found);
    };
    if (typeof ResizeObserver === 'undefined') return measure();
    // the observer's first call comes once the frame's layout is done, before its paint: reading
    // the boxes here instead would force that layout inside the click that opened the trace
    // (~50 ms of a 60,000-instance page)
    const ro = new ResizeObserver(measure);
    ro.observe(root);
    return () => ro.disconnect();
  }, [container, scenario, inspected, step, reduced]);

  if (points.length < 2) return null;
  const last = points[points.length - 1] as Point;
  const denied = last.verdict === 'deny';
  return (
    // once the journey has played, the line steps back so the cards' text reads through it
    <svg className={`packet-path${playing ? '' : ' done'}`} aria-hidden="true" focusable="false">
      {points.slice(1).map((p, i) => {
        const a = points[i] as Point;
        return (
          <line
            key={i}
            x1={a.x}
            y1={a.y}
            x2={p.x}
            y2={p.y}
            className={p.verdict === 'deny' ? 'deny' : 'allow'}
          />
        );
      })}
      {denied ? (
        <text x={last.x} y={last.y + 6} className="packet-stop" textAnchor="middle">
          ✗
        </text>
      ) : (
        <circle cx={last.x} cy={last.y} r={7} className="packet" />
      )}
    </svg>
  );
}
