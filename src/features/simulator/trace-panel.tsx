/**
 * The inspected flow's fate, step by step: what was checked where, which rules allowed it, the
 * nearest miss when nothing did, and a fix to apply in one click. Play, pause, step and step back
 * walk the packet along its path (the diagram marks each checkpoint); with reduced motion nothing
 * moves on its own and every step is listed at once.
 */
import { useEffect, useState } from 'react';
import { CodeHelp } from '../../components/code-help';
import { useAppStore } from '../../hooks/use-app-store';
import { useReducedMotion } from '../../hooks/use-reduced-motion';
import {
  addExpectation,
  isAclEntryRef,
  serviceLabel,
  type FlowVerdict,
  type Scenario,
  type TraceStep,
} from '../../model';
import { endpointLabel, inspectedVerdict } from '../../store';
import { applyFix, fixFor } from '../../store/fix';

const SPEEDS = { slow: 1400, normal: 700, fast: 250 } as const;

function Step({ step, index }: { step: TraceStep; index: number }) {
  const select = useAppStore((s) => s.select);
  const highlightRule = useAppStore((s) => s.highlightRule);
  const setGroupTab = useAppStore((s) => s.setGroupTab);
  const notReached = step.reached === false;
  const mark = step.verdict === 'allow' ? '✓' : step.verdict === 'deny' ? '✗' : '–';
  const word = notReached
    ? step.verdict === 'deny'
      ? 'would also deny (not reached)'
      : 'not reached'
    : step.verdict === 'allow'
      ? 'allowed'
      : step.verdict === 'deny'
        ? 'denied'
        : 'skipped';
  return (
    <li className={`trace-step ${step.verdict}${notReached ? ' not-reached' : ''}`}>
      <span className="mark" aria-hidden="true">
        {mark}
      </span>
      <div>
        <strong>
          {index + 1}. {step.at}
        </strong>{' '}
        <span className="verdict-word">{word}</span>
        {notReached && <CodeHelp entry="not-reached" />}
        {step.code && !notReached && (
          <>
            <span className="code"> {step.code}</span>
            <CodeHelp entry={step.code} />
          </>
        )}
        <p>
          {notReached
            ? step.verdict === 'deny'
              ? `The packet was dropped before this point. Fix this as well: ${step.explanation}`
              : 'The packet was dropped before this point, so this hop never saw it.'
            : step.explanation}
        </p>
        {step.matchedRules.length > 0 && !notReached && (
          <p className="rules-used">
            {step.verdict === 'deny' ? 'Denied by' : 'Allowed by'}{' '}
            {step.matchedRules.map((r) =>
              isAclEntryRef(r) ? (
                <button
                  key={`${r.ownerId}/${r.ruleNumber}`}
                  type="button"
                  className="link"
                  onClick={() => select({ kind: 'network-acl', id: r.ownerId })}
                >
                  {r.ownerId} rule {r.ruleNumber}
                </button>
              ) : (
                <button
                  key={`${r.groupId}/${r.ruleId}`}
                  type="button"
                  className="link"
                  onClick={() => {
                    highlightRule(r);
                    setGroupTab(step.where?.direction ?? 'inbound');
                    select({ kind: 'group', id: r.groupId });
                  }}
                >
                  {r.groupId} {r.ruleId}
                </button>
              ),
            )}
          </p>
        )}
        {step.nearestMiss && <p className="miss">Nearest miss: {step.nearestMiss.explanation}</p>}
      </div>
    </li>
  );
}

/**
 * A balancer's pairs, each a button: the trace and the diagram follow the one chosen (by default
 * the first that drops the flow, else the first).
 */
function PairPicker({
  pairs,
  followed,
  onFollow,
}: {
  pairs: NonNullable<FlowVerdict['pairs']>;
  followed: { nodeSubnetId: string; targetId: string } | undefined;
  onFollow: (pair: { nodeSubnetId: string; targetId: string }) => void;
}) {
  const scenario = useAppStore((s) => s.scenario);
  const shown =
    pairs.find(
      (p) => p.nodeSubnetId === followed?.nodeSubnetId && p.targetId === followed.targetId,
    ) ??
    pairs.find((p) => !p.allowed) ??
    pairs[0];
  const zone = (id: string) => scenario.subnets.find((sn) => sn.id === id)?.availabilityZone ?? id;
  return (
    <div className="pair-picker" role="group" aria-label="Follow one (node, target) pair">
      <span className="small muted">Follow:</span>
      {pairs.map((p) => (
        <button
          key={`${p.nodeSubnetId}/${p.targetId}`}
          type="button"
          className={`small ${p.allowed ? 'pass' : 'fail'}`}
          aria-pressed={p === shown}
          onClick={() => onFollow({ nodeSubnetId: p.nodeSubnetId, targetId: p.targetId })}
        >
          {p.allowed ? '✓' : '✗'} {zone(p.nodeSubnetId)} →{' '}
          {p.targetId ? endpointLabel(scenario, p.targetId) : 'no target'}
        </button>
      ))}
    </div>
  );
}

/** A step's location in the learner's words: "shop-alb (public-a) in", "web-a health check". */
function hopLabel(s: Scenario, step: TraceStep): string {
  const w = step.where;
  if (w?.kind === 'subnet-boundary') {
    const subnet = s.subnets.find((sn) => sn.id === w.id);
    return `${subnet?.name ?? w.id} ACL ${w.direction === 'outbound' ? 'out' : 'in'}`;
  }
  if (w?.kind !== 'interface') return step.at;
  const subnet = s.subnets.find((sn) => sn.id === w.subnetId);
  // a balancer has a node per subnet: say which one
  const lb = s.loadBalancers?.some((b) => b.id === w.id);
  const name = `${endpointLabel(s, w.id)}${lb && subnet ? ` (${subnet.name ?? subnet.id})` : ''}`;
  if (step.kind === 'health') return `${name} health check`;
  return `${name} ${w.direction === 'outbound' ? 'out' : 'in'}`;
}

/** What the ACL stages mean, beside their names in the format. */
const ACL_STAGES: Partial<Record<NonNullable<FlowVerdict['blockedAt']>, string>> = {
  'nacl-outbound': 'a network ACL stopped it leaving its subnet',
  'nacl-inbound': 'a network ACL stopped it entering the subnet',
  'nacl-response': 'a network ACL dropped the reply',
};

function verdictLine(v: FlowVerdict): string {
  if (v.allowed) return 'ALLOWED';
  const words = v.blockedAt ? ACL_STAGES[v.blockedAt] : undefined;
  return `DENIED${v.blockedAt ? ` at ${v.blockedAt}` : ''}${words ? ` (${words})` : ''}`;
}

export function TracePanel() {
  const scenario = useAppStore((s) => s.scenario);
  const inspected = useAppStore((s) => s.inspected);
  const playback = useAppStore((s) => s.playback);
  const setPlayback = useAppStore((s) => s.setPlayback);
  const inspect = useAppStore((s) => s.inspect);
  const edit = useAppStore((s) => s.edit);
  const [speed, setSpeed] = useState<keyof typeof SPEEDS>('normal');
  const reduced = useReducedMotion();
  const verdict = inspected ? inspectedVerdict(scenario, inspected) : null;
  const total = verdict?.steps.length ?? 0;
  const shown = reduced ? total : Math.min(playback.step + 1, total);

  useEffect(() => {
    if (reduced || !playback.playing || shown >= total) {
      if (playback.playing && shown >= total) setPlayback({ step: total - 1, playing: false });
      return;
    }
    const t = setTimeout(
      () => setPlayback({ step: playback.step + 1, playing: true }),
      SPEEDS[speed],
    );
    return () => clearTimeout(t);
  }, [playback, shown, total, reduced, speed, setPlayback]);

  if (!inspected || !verdict)
    return (
      <section className="trace" aria-labelledby="trace-title">
        <h3 id="trace-title">Trace</h3>
        <p className="empty">
          Send a flow, or pick one from the history or the matrix, to see its path step by step.
        </p>
      </section>
    );
  const f = inspected.flow;
  const title = `${endpointLabel(scenario, f.from)} → ${endpointLabel(scenario, f.to)} ${serviceLabel(f)}`;
  const fix = verdict.allowed ? null : fixFor(scenario, f);
  return (
    <section className="trace" aria-labelledby="trace-title">
      <h3 id="trace-title">
        {title}: <span className={verdict.allowed ? 'pass' : 'fail'}>{verdictLine(verdict)}</span>
      </h3>
      {!reduced && (
        <div className="playback" role="group" aria-label="Playback">
          <button
            type="button"
            onClick={() => setPlayback({ step: Math.max(playback.step - 1, 0), playing: false })}
            disabled={playback.step <= 0}
          >
            ◀ Step back
          </button>
          <button
            type="button"
            onClick={() =>
              setPlayback(
                playback.playing
                  ? { ...playback, playing: false }
                  : { step: shown >= total ? 0 : playback.step, playing: true },
              )
            }
          >
            {playback.playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <button
            type="button"
            onClick={() =>
              setPlayback({ step: Math.min(playback.step + 1, total - 1), playing: false })
            }
            disabled={shown >= total}
          >
            Step ▶
          </button>
          <button
            type="button"
            onClick={() => setPlayback({ step: total - 1, playing: false })}
            disabled={shown >= total}
          >
            Show all
          </button>
          <label>
            Speed{' '}
            <select value={speed} onChange={(e) => setSpeed(e.target.value as keyof typeof SPEEDS)}>
              <option value="slow">slow</option>
              <option value="normal">normal</option>
              <option value="fast">fast</option>
            </select>
          </label>
          <span className="muted small">
            step {shown} of {total}
          </span>
        </div>
      )}
      {verdict.pairs && verdict.pairs.length > 1 && (
        <PairPicker
          pairs={verdict.pairs}
          followed={inspected.pair}
          onFollow={(pair) => inspect({ ...inspected, pair })}
        />
      )}
      <ol className="path" aria-label="The packet's path">
        {verdict.steps.map((st, i) => {
          const state = i < shown ? (st.reached === false ? 'unreached' : st.verdict) : 'pending';
          const mark =
            state === 'allow' ? '✓' : state === 'deny' ? '✗' : state === 'pending' ? '…' : '–';
          return (
            <li
              key={i}
              className={`hop ${state === 'unreached' ? 'skip not-reached' : state}${i === shown - 1 ? ' current' : ''}`}
              aria-current={i === shown - 1 ? 'step' : undefined}
            >
              <span aria-hidden="true">{mark}</span>{' '}
              {st.kind !== 'response'
                ? hopLabel(scenario, st)
                : st.where?.kind === 'subnet-boundary'
                  ? `↩ ${hopLabel(scenario, st)} (reply)`
                  : '↩ response'}
              <span className="sr-only">
                {state === 'pending'
                  ? ' (not played yet)'
                  : state === 'unreached'
                    ? ' not reached'
                    : state === 'allow'
                      ? ' allowed'
                      : state === 'deny'
                        ? ' denied'
                        : ' skipped'}
              </span>
            </li>
          );
        })}
      </ol>
      <ol className="steps" aria-label="Steps">
        {verdict.steps.slice(0, shown).map((st, i) => (
          <Step key={i} step={st} index={i} />
        ))}
      </ol>
      {shown >= total && (
        <div className="actions">
          {fix && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                edit(fix.kind === 'rule' ? 'rules/add' : 'nacl/add-entry', fix.label, (s) =>
                  applyFix(s, fix),
                )
              }
            >
              Allow it: {fix.label}
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              edit(
                'expectations/add',
                `Expect ${title} to be ${verdict.allowed ? 'allowed' : 'denied'}`,
                (s) => addExpectation(s, f, verdict.allowed ? 'allow' : 'deny'),
              )
            }
          >
            Make it an expectation (must be {verdict.allowed ? 'allowed' : 'denied'})
          </button>
        </div>
      )}
    </section>
  );
}
