/** One security group: who uses it, its findings, and its rules in Inbound and Outbound tabs. */
import { useState } from 'react';
import { FieldMessages } from '../../components/field-messages';
import { DirectionTabs } from '../../components/direction-tabs';
import { useAppStore } from '../../hooks/use-app-store';
import {
  addRule,
  copyGroup,
  deleteGroup,
  groupDependants,
  type Issue,
  type SecurityGroup,
} from '../../model';
import { groupFindingsOf, groupIssues } from '../../store';
import { RulesGrid } from './rules-grid';
import { CodeHelp } from '../../components/code-help';

const NEW_RULE = { protocol: 'tcp' } as const;

export function GroupDetails({ group }: { group: SecurityGroup }) {
  const scenario = useAppStore((s) => s.scenario);
  const tab = useAppStore((s) => s.groupTab);
  const setTab = useAppStore((s) => s.setGroupTab);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [refusal, setRefusal] = useState<Issue | null>(null);
  // the rule just added: a draft until its fields are left (RulesGrid)
  const [fresh, setFresh] = useState<string | null>(null);
  const [copyName, setCopyName] = useState<string | null>(null);

  const groupLevel = groupIssues(scenario, group.id).filter(
    (i) => !/\.(inbound|outbound)\[\d+\]/.test(i.path),
  );
  const dependants = groupDependants(scenario, group.id);
  const notes = groupFindingsOf(scenario, group.id).filter((f) => !f.ruleId);

  const tryDelete = () => {
    const r = edit('groups/delete', `Delete ${group.name}`, (s) => deleteGroup(s, group.id));
    if (r.ok) select(null);
    else setRefusal(r.issue);
  };
  const copy = () => {
    if (copyName === null) return;
    const r = edit('groups/copy', `Copy ${group.name} to ${copyName}`, (s) =>
      copyGroup(s, group.id, copyName),
    );
    if (r.ok) {
      setCopyName(null);
      select({ kind: 'group', id: r.value });
    } else setRefusal(r.issue);
  };

  return (
    <article className="details" aria-labelledby="group-title">
      <header className="details-head">
        <h2 id="group-title">
          {group.name} <span className="mono muted">{group.id}</span>
        </h2>
        <p className="muted">
          {group.description} · {group.vpcId}
        </p>
        <p className="uses">
          {dependants.length === 0
            ? 'Not attached to anything and not referenced.'
            : `Used: ${dependants.join('; ')}.`}
        </p>
        <div className="actions">
          <button type="button" onClick={() => setCopyName(`${group.name}-copy`)}>
            Copy to new group
          </button>
          <button type="button" className="danger" onClick={tryDelete}>
            Delete group
          </button>
        </div>
        {copyName !== null && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              copy();
            }}
          >
            <label>
              New group name{' '}
              <input value={copyName} onChange={(e) => setCopyName(e.target.value)} autoFocus />
            </label>
            <button type="submit">Copy</button>
            <button type="button" onClick={() => setCopyName(null)}>
              Cancel
            </button>
          </form>
        )}
        {refusal && (
          <div className="msg error" role="alert">
            <strong>AWS would refuse this ({refusal.code}):</strong> {refusal.message}
            <button type="button" className="link" onClick={() => setRefusal(null)}>
              Dismiss
            </button>
          </div>
        )}
        <FieldMessages id={`${group.id}-issues`} issues={groupLevel} />
      </header>

      <DirectionTabs
        prefix=""
        value={tab}
        counts={{ inbound: group.inbound.length, outbound: group.outbound.length }}
        onChange={setTab}
      >
        {group[tab].length === 0 && (
          <p className="empty">
            No {tab} rules:{' '}
            {tab === 'inbound'
              ? 'nothing can start a connection to instances in this group (responses to their own connections still get back).'
              : 'no new connection can leave instances in this group.'}
          </p>
        )}
        <RulesGrid key={`${group.id}-${tab}`} group={group} direction={tab} freshId={fresh} />
        <p className="muted small no-deny">
          Security groups only allow: there are no deny rules. Traffic no rule allows is dropped, so
          to keep an address out, allow only the sources you want (a narrower CIDR, a group or a
          prefix list). <CodeHelp entry="no-deny" />
        </p>
        <button
          type="button"
          className="add"
          onClick={() => {
            const r = edit('rules/add', `Add an ${tab} rule to ${group.name}`, (s) =>
              addRule(s, group.id, tab, NEW_RULE),
            );
            if (r.ok) setFresh(r.value);
          }}
        >
          Add rule
        </button>
      </DirectionTabs>
      {notes.length > 0 && (
        <ul className="notes" aria-label="Findings about this group">
          {notes.map((f, i) => (
            <li key={i} className={`msg ${f.severity === 'high' ? 'error' : 'warning'}`}>
              {f.title}. {f.message}
              {f.controls && <span className="controls"> ({f.controls.join(' · ')})</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
