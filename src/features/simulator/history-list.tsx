/**
 * Every flow sent, with its verdict under the current rules. After an edit all are re-evaluated at
 * once; the ones whose verdict the edit changed say so (ALLOWED → DENIED).
 */
import { memo } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import { serviceLabel, type Scenario } from '../../model';
import { endpointLabel, flowVerdict, type Sent } from '../../store';

const word = (allowed: boolean) => (allowed ? 'ALLOWED' : 'DENIED');

const Entry = memo(function Entry({
  entry,
  scenario,
  baseline,
  selected,
  n,
}: {
  entry: Sent;
  scenario: Scenario;
  baseline: Scenario | null;
  selected: boolean;
  n: number;
}) {
  const inspect = useAppStore((s) => s.inspect);
  const now = flowVerdict(scenario, entry.flow).allowed;
  const was = baseline ? flowVerdict(baseline, entry.flow).allowed : now;
  const f = entry.flow;
  return (
    <li className={`history-entry ${now ? 'pass' : 'fail'}${was !== now ? ' changed' : ''}`}>
      <button
        type="button"
        className="history-button"
        aria-pressed={selected}
        onClick={() => inspect({ flow: f, sentId: entry.id })}
      >
        <span className="mark" aria-hidden="true">
          {now ? '✓' : '✗'}
        </span>
        <span>
          #{n} {endpointLabel(scenario, f.from)} → {endpointLabel(scenario, f.to)} {serviceLabel(f)}
          {f.via ? ` (${f.via})` : ''}: <strong>{word(now)}</strong>
        </span>
        {was !== now && (
          <span className="changed-mark">
            changed by the last edit: {word(was)} → {word(now)}
          </span>
        )}
      </button>
    </li>
  );
});

export function HistoryList() {
  const scenario = useAppStore((s) => s.scenario);
  const baseline = useAppStore((s) => s.baseline);
  const history = useAppStore((s) => s.history);
  const inspected = useAppStore((s) => s.inspected);
  const clear = useAppStore((s) => s.clearHistory);
  if (history.length === 0)
    return (
      <p className="empty">Nothing sent yet: every flow you send stays here with its verdict.</p>
    );
  const changed = baseline
    ? history.filter(
        (h) => flowVerdict(baseline, h.flow).allowed !== flowVerdict(scenario, h.flow).allowed,
      ).length
    : 0;
  return (
    <div className="history">
      <p className="small muted">
        {history.length} flow{history.length === 1 ? '' : 's'} sent, all re-evaluated under the
        current rules
        {changed > 0 ? `; ${changed} changed by the last edit` : ''}.{' '}
        <button type="button" className="link" onClick={clear}>
          Clear the history
        </button>
      </p>
      <ol className="history-list" reversed>
        {[...history]
          .reverse()
          .slice(0, 300)
          .map((h, i) => (
            <Entry
              key={h.id}
              entry={h}
              scenario={scenario}
              baseline={baseline}
              selected={inspected?.sentId === h.id}
              n={history.length - i}
            />
          ))}
      </ol>
    </div>
  );
}
