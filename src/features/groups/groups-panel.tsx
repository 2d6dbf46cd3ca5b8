/** Security groups: the list, and the selected group's rules in the console's columns. */
import { useState } from 'react';
import {
  ipVersionLabel,
  peerText,
  portRangeLabel,
  protocolLabel,
  ruleTypeOf,
  type Direction,
  type SecurityGroup,
} from '../../model';
import { useAppStore } from '../../hooks/use-app-store';

function RulesTable({ group, direction }: { group: SecurityGroup; direction: Direction }) {
  const rules = group[direction];
  if (rules.length === 0) {
    return (
      <p className="empty">
        No {direction} rules:{' '}
        {direction === 'inbound'
          ? 'nothing can start a connection to instances in this group.'
          : 'no new connection can leave.'}
      </p>
    );
  }
  return (
    <table className="rules">
      <thead>
        <tr>
          <th scope="col">Security group rule ID</th>
          <th scope="col">IP version</th>
          <th scope="col">Type</th>
          <th scope="col">Protocol</th>
          <th scope="col">Port range</th>
          <th scope="col">{direction === 'inbound' ? 'Source' : 'Destination'}</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id}>
            <td className="mono">{r.id}</td>
            <td>{ipVersionLabel(r)}</td>
            <td>{ruleTypeOf(r).label}</td>
            <td>{protocolLabel(r.protocol)}</td>
            <td>{portRangeLabel(r)}</td>
            <td className="mono">{peerText(r)}</td>
            <td>{r.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GroupsPanel() {
  const groups = useAppStore((s) => s.scenario.securityGroups);
  const selectedId = useAppStore((s) => s.selectedGroupId);
  const select = useAppStore((s) => s.selectGroup);
  const [direction, setDirection] = useState<Direction>('inbound');
  const selected = groups.find((g) => g.id === selectedId);
  return (
    <div className="groups">
      <ul className="group-list" aria-label="Security groups">
        {groups.map((g) => (
          <li key={g.id}>
            <button type="button" aria-pressed={g.id === selectedId} onClick={() => select(g.id)}>
              <span className="mono">{g.id}</span> {g.name}
              <span className="counts">
                {g.inbound.length} in · {g.outbound.length} out
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selected && (
        <section aria-label={`Rules of ${selected.id}`}>
          <h3>
            {selected.name} <span className="muted">— {selected.description}</span>
          </h3>
          <div role="tablist" aria-label="Rule direction" className="tabs">
            {(['inbound', 'outbound'] as const).map((d) => (
              <button
                key={d}
                role="tab"
                type="button"
                aria-selected={d === direction}
                onClick={() => setDirection(d)}
              >
                {d === 'inbound' ? 'Inbound rules' : 'Outbound rules'} ({selected[d].length})
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            tabIndex={0}
            aria-label={`${direction === 'inbound' ? 'Inbound' : 'Outbound'} rules of ${selected.name}`}
          >
            <RulesTable group={selected} direction={direction} />
          </div>
        </section>
      )}
    </div>
  );
}
