/** The lint of the whole scenario, most severe first; each finding opens the group it is about. */
import { memo, useDeferredValue } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import { formatCount, perObject, type Finding } from '../../model';
import { lintView } from '../../store';

/** Findings keep their identity across edits that do not touch their group: memo skips them. */
const FindingItem = memo(function FindingItem({ finding: f }: { finding: Finding }) {
  const select = useAppStore((s) => s.select);
  return (
    <li className={`finding ${f.severity}`}>
      <span className="sev">{f.severity}</span>{' '}
      <button
        type="button"
        className="link"
        onClick={() => select({ kind: f.filter ?? 'group', id: f.groupId })}
      >
        {f.title}
      </button>
      {f.controls && <span className="controls">{f.controls.join(' · ')}</span>}
    </li>
  );
});

// per list: a large account's list holds thousands, and each edit renders the panel thrice
const highCount = perObject(
  (list: readonly Finding[]): number => list.filter((f) => f.severity === 'high').length,
);

export function FindingsPanel() {
  const current = useAppStore((s) => s.scenario);
  const lint = useAppStore((s) => s.lint);
  const lintInWorker = useAppStore((s) => s.lintInWorker);
  // the lint waits for the diagram and the editor to paint first (a large one runs in a worker)
  const scenario = useDeferredValue(current, null);
  const view = scenario ? lintView({ scenario, lint, lintInWorker }) : null;
  if (!view || (view.pending && view.list.length === 0))
    return (
      <section className="findings" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <p className="empty">Checking the rules…</p>
      </section>
    );
  const list = view.list;
  const high = highCount(list);
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">
        Findings{' '}
        <span className="count">
          {list.length === 0
            ? 'none'
            : `${formatCount(list.length)}${high ? `, ${formatCount(high)} high` : ''}`}
        </span>
        {view.pending && <span className="muted small"> · checking the latest change…</span>}
      </h2>
      {list.length === 0 ? (
        <p className="empty">
          Nothing to report: no world-open admin ports, redundant rules or unused groups.
        </p>
      ) : (
        <ul>
          {list.slice(0, 50).map((f, i) => (
            <FindingItem key={`${f.code}-${f.groupId}-${f.ruleId ?? i}`} finding={f} />
          ))}
          {list.length > 50 && <li className="muted small">…and {list.length - 50} more</li>}
        </ul>
      )}
    </section>
  );
}
