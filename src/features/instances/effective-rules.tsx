/** The union of an instance's groups' rules, one table per direction, covered rules flagged. */
import { useAppStore } from '../../hooks/use-app-store';
import {
  ipVersionLabel,
  peerText,
  portRangeLabel,
  protocolLabel,
  ruleTypeOf,
  type Direction,
  type Instance,
} from '../../model';
import { effectiveRulesOf, type EffectiveRule } from '../../store';

function Rows({ rows, direction }: { rows: readonly EffectiveRule[]; direction: Direction }) {
  const select = useAppStore((s) => s.select);
  if (rows.length === 0)
    return (
      <p className="empty">
        No {direction} rules in any of its groups:{' '}
        {direction === 'inbound' ? 'no new connection gets in.' : 'no new connection can leave.'}
      </p>
    );
  return (
    <table className="rules stackable">
      <caption className="sr-only">Effective {direction} rules</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Rule</th>
          <th scope="col">IP version</th>
          <th scope="col">Type</th>
          <th scope="col">Protocol</th>
          <th scope="col">Port range</th>
          <th scope="col">{direction === 'inbound' ? 'Source' : 'Destination'}</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.groupId}/${r.ruleId}`}
            className={r.coveredBy || r.duplicateOf ? 'covered' : undefined}
          >
            <td data-label="Group">
              <button
                type="button"
                className="link"
                onClick={() => select({ kind: 'group', id: r.groupId })}
              >
                {r.groupId}
              </button>
            </td>
            <td data-label="Rule" className="mono">
              {r.ruleId}
            </td>
            <td data-label="IP version">{ipVersionLabel(r.rule)}</td>
            <td data-label="Type">{ruleTypeOf(r.rule).label}</td>
            <td data-label="Protocol">{protocolLabel(r.rule.protocol)}</td>
            <td data-label="Port range">{portRangeLabel(r.rule)}</td>
            <td data-label={direction === 'inbound' ? 'Source' : 'Destination'} className="mono">
              {peerText(r.rule)}
            </td>
            <td data-label="Note">
              {r.duplicateOf
                ? `Same as ${r.duplicateOf.groupId} ${r.duplicateOf.ruleId}`
                : r.coveredBy
                  ? `Covered by ${r.coveredBy.map((c) => `${c.groupId} ${c.ruleId}`).join(', ')}`
                  : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EffectiveRules({ instance }: { instance: Instance }) {
  const scenario = useAppStore((s) => s.scenario);
  const rules = effectiveRulesOf(scenario, instance.id);
  return (
    <section className="effective" aria-labelledby={`${instance.id}-effective`}>
      <h3 id={`${instance.id}-effective`}>Effective rules</h3>
      <p className="muted small">
        Every rule of every group on {instance.name ?? instance.id}: a packet is allowed when any
        one of them matches.
      </p>
      {(['inbound', 'outbound'] as const).map((d) => (
        <div
          key={d}
          className="scroll-x"
          tabIndex={0}
          role="region"
          aria-label={`Effective ${d} rules`}
        >
          <h4>{d === 'inbound' ? 'Inbound' : 'Outbound'}</h4>
          <Rows rows={rules.filter((r) => r.direction === d)} direction={d} />
        </div>
      ))}
    </section>
  );
}
