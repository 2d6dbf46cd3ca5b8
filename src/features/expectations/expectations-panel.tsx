/** Must-allow / must-deny flows, each evaluated live by the engine, with a pass count. */
import { protocolLabel, removeExpectation } from '../../model';
import { useAppStore } from '../../hooks/use-app-store';
import { useWorldIssues } from '../../hooks/use-world-issues';
import { documentNotesOf, endpointLabel, expectationResults } from '../../store';

export function ExpectationsPanel() {
  const scenario = useAppStore((s) => s.scenario);
  const checked = useWorldIssues();
  const inspect = useAppStore((s) => s.inspect);
  const edit = useAppStore((s) => s.edit);
  const results = expectationResults(scenario);
  const passed = results.filter((r) => r.pass).length;
  return (
    <section className="expectations" aria-labelledby="expectations-title">
      <h2 id="expectations-title">
        Expectations{' '}
        <span className="count" aria-label={`${passed} of ${results.length} pass`}>
          {passed}/{results.length} pass
        </span>
      </h2>
      {documentNotesOf(checked).map((n) => (
        <p key={n.code} className="msg warning">
          {n.message}
        </p>
      ))}
      {results.length === 0 ? (
        <p className="empty">No expectations yet.</p>
      ) : (
        <ul>
          {results.map(({ expectation: e, verdict, pass }, i) => {
            const reason =
              verdict.steps.find((s) => s.verdict === 'deny')?.explanation ??
              verdict.steps.filter((s) => s.kind === 'ingress' || s.kind === 'egress').pop()
                ?.explanation ??
              '';
            return (
              <li key={e.id ?? i} className={pass ? 'pass' : 'fail'}>
                <span className="mark" aria-hidden="true">
                  {pass ? '✓' : '✗'}
                </span>
                <span className="sr-only">{pass ? 'Passes:' : 'Fails:'}</span>
                <span>
                  {endpointLabel(scenario, e.from)} → {endpointLabel(scenario, e.to)}{' '}
                  {protocolLabel(e.protocol)}
                  {e.port !== undefined ? ` ${e.port}` : ''} must be{' '}
                  <strong>{e.expect === 'allow' ? 'ALLOWED' : 'DENIED'}</strong>
                  {e.note && <span className="muted"> — {e.note}</span>}
                  <span className="reason">{reason}</span>
                  <span className="row-actions inline">
                    <button
                      type="button"
                      className="link small"
                      onClick={() => inspect({ flow: e })}
                    >
                      Show the trace
                    </button>
                    <button
                      type="button"
                      className="link small"
                      onClick={() =>
                        edit('expectations/remove', `Remove expectation ${i + 1}`, (s) =>
                          removeExpectation(s, i),
                        )
                      }
                    >
                      Remove
                    </button>
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
