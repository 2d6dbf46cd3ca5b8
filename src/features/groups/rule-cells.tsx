/** The editable cells of a rule row, as the console's "Edit inbound rules" page lays them out. */
import { memo } from 'react';
import { DraftInput } from '../../components/draft-input';
import { FieldMessages } from '../../components/field-messages';
import {
  applyRuleType,
  icmpTypes,
  normaliseProtocol,
  parsePorts,
  portsText,
  peerText,
  protocolLabel,
  RULE_TYPES,
  ruleType,
  ruleTypeOf,
  validateRule,
  withPeerText,
  youHost,
  type Direction,
  type Finding,
  type Issue,
  type Rule,
  type Scenario,
} from '../../model';
import { isWorldOpen, type Column } from './rule-fields';

export interface CellProps {
  readonly rule: Rule;
  readonly direction: Direction;
  readonly issues: ReadonlyMap<Column, Issue[]>;
  readonly change: (next: Rule, label: string) => void;
}

/** Live issues of a draft rule, for one column. */
function draftIssues(rule: Rule, direction: Direction, column: Column): Issue[] {
  const fields: Record<Column, string[]> = {
    type: ['protocol'],
    protocol: ['protocol'],
    ports: ['fromPort', 'toPort'],
    peer: ['peer', 'cidrIpv4', 'cidrIpv6', 'referencedGroupId', 'prefixListId'],
    description: ['description'],
  };
  return validateRule(rule, direction, 'r').filter((i) => fields[column].includes(i.path.slice(2)));
}

function TypeSelect({ rule, change }: CellProps) {
  const current = ruleTypeOf(rule);
  return (
    <select
      aria-label="Type"
      tabIndex={-1}
      value={current.id}
      title={current.hint}
      onChange={(e) => {
        const t = ruleType(e.target.value);
        if (t) change(applyRuleType(rule, t), `Set the type to ${t.label}`);
      }}
    >
      {RULE_TYPES.map((t) => (
        <option key={t.id} value={t.id}>
          {t.label}
        </option>
      ))}
    </select>
  );
}

/** Its 35 options re-render only when the rule itself changed. */
export const TypeCell = memo(
  TypeSelect,
  (a, b) => a.rule === b.rule && a.direction === b.direction,
);

export function ProtocolCell({ rule, direction, issues, change }: CellProps) {
  if (ruleTypeOf(rule).protocol !== 'custom')
    return (
      <>
        <span>{protocolLabel(rule.protocol)}</span>
        <FieldMessages id={`${rule.id}-protocol`} issues={issues.get('protocol')} inGrid />
      </>
    );
  return (
    <DraftInput
      inGrid
      className="narrow"
      label="Protocol number"
      value={rule.protocol}
      issues={issues.get('protocol')}
      check={(text) => draftIssues({ ...rule, protocol: text.trim() }, direction, 'protocol')}
      onCommit={(text) =>
        change({ ...rule, protocol: text.trim() }, `Set the protocol to ${text.trim()}`)
      }
    />
  );
}

function IcmpPickers({ rule, change }: CellProps) {
  const kind = normaliseProtocol(rule.protocol) === 'icmpv6' ? 'icmpv6' : 'icmp';
  const types = icmpTypes(kind);
  const type = rule.fromPort ?? -1;
  const codes = types.find((t) => t.type === type)?.codes ?? {};
  return (
    <span className="icmp">
      <select
        aria-label="ICMP type"
        tabIndex={-1}
        value={type}
        onChange={(e) => {
          const t = Number(e.target.value);
          change({ ...rule, fromPort: t, toPort: -1 }, `Set the ICMP type to ${t}`);
        }}
      >
        <option value={-1}>All types</option>
        {types.map((t) => (
          <option key={t.type} value={t.type}>
            {t.type} {t.name}
          </option>
        ))}
      </select>
      <select
        aria-label="ICMP code"
        tabIndex={-1}
        value={rule.toPort ?? -1}
        disabled={type === -1}
        onChange={(e) =>
          change(
            { ...rule, toPort: Number(e.target.value) },
            `Set the ICMP code to ${e.target.value}`,
          )
        }
      >
        <option value={-1}>All codes</option>
        {Object.entries(codes).map(([code, name]) => (
          <option key={code} value={code}>
            {code} {name}
          </option>
        ))}
        {rule.toPort !== undefined && rule.toPort !== -1 && !(String(rule.toPort) in codes) && (
          <option value={rule.toPort}>{rule.toPort}</option>
        )}
      </select>
    </span>
  );
}

export function PortCell(props: CellProps) {
  const { rule, direction, issues, change } = props;
  const type = ruleTypeOf(rule);
  if (type.ports === 'icmp')
    return (
      <>
        <IcmpPickers {...props} />
        <FieldMessages id={`${rule.id}-ports`} issues={issues.get('ports')} inGrid />
      </>
    );
  if (type.ports !== 'user') return <span>{type.ports === 'all' ? 'All' : portsText(rule)}</span>;
  return (
    <DraftInput
      inGrid
      className="narrow"
      label="Port range"
      inputMode="numeric"
      value={portsText(rule)}
      issues={issues.get('ports')}
      unstorable="Type a port (0-65535) or a range such as 8000-8100."
      check={(text) => {
        const ports = parsePorts(text);
        if (!ports) return null;
        return draftIssues({ ...rule, fromPort: ports[0], toPort: ports[1] }, direction, 'ports');
      }}
      onCommit={(text) => {
        const ports = parsePorts(text);
        if (ports)
          change(
            { ...rule, fromPort: ports[0], toPort: ports[1] },
            `Set the port range to ${text.trim()}`,
          );
      }}
    />
  );
}

type PeerMode = 'custom' | 'anywhere-ipv4' | 'anywhere-ipv6' | 'my-ip';

function modeOf(rule: Rule, myIp: string | null): PeerMode {
  const text = peerText(rule);
  if (text === '0.0.0.0/0') return 'anywhere-ipv4';
  if (text === '::/0') return 'anywhere-ipv6';
  if (myIp && text === myIp) return 'my-ip';
  return 'custom';
}

export function PeerCell({
  rule,
  direction,
  issues,
  change,
  scenario,
  findings,
  listId,
}: CellProps & { scenario: Scenario; findings: readonly Finding[]; listId: string }) {
  const you = youHost(scenario);
  const myIp = you ? `${you.ip}/${you.ip.includes(':') ? 128 : 32}` : null;
  const mode = modeOf(rule, myIp);
  const what = direction === 'inbound' ? 'Source' : 'Destination';
  const warnings = findings.filter(isWorldOpen);
  const setPeer = (text: string, label: string) => change(withPeerText(rule, text), label);
  return (
    <div className="peer">
      <div className="peer-inputs">
        <select
          aria-label={`${what} type`}
          tabIndex={-1}
          value={mode}
          onChange={(e) => {
            const m = e.target.value as PeerMode;
            if (m === 'anywhere-ipv4')
              setPeer('0.0.0.0/0', `Set the ${what.toLowerCase()} to anywhere (IPv4)`);
            else if (m === 'anywhere-ipv6')
              setPeer('::/0', `Set the ${what.toLowerCase()} to anywhere (IPv6)`);
            else if (m === 'my-ip' && myIp) setPeer(myIp, `Set the ${what.toLowerCase()} to My IP`);
          }}
        >
          <option value="custom">Custom</option>
          <option value="anywhere-ipv4">Anywhere-IPv4</option>
          <option value="anywhere-ipv6">Anywhere-IPv6</option>
          <option value="my-ip" disabled={!myIp}>
            {myIp ? `My IP (${you?.name})` : 'My IP (add a host named “You”)'}
          </option>
        </select>
        <DraftInput
          inGrid
          label={what}
          list={listId}
          placeholder="CIDR, sg-… or pl-…"
          spellCheck={false}
          value={peerText(rule)}
          issues={issues.get('peer')}
          check={(text) => draftIssues(withPeerText(rule, text), direction, 'peer')}
          onCommit={(text) =>
            setPeer(text.trim(), `Set the ${what.toLowerCase()} to ${text.trim()}`)
          }
        />
      </div>
      {warnings.map((f) => (
        <div key={f.code} className="msg warning world-open" role="note">
          <span aria-hidden="true">⚠</span> {f.title}.{' '}
          {f.controls && <span className="controls">Flagged by {f.controls.join(' · ')}.</span>}
          {(f.rewrites ?? []).map((w) => (
            <button
              key={w.label}
              type="button"
              className="link"
              tabIndex={-1}
              onClick={() =>
                setPeer(Object.values(w.peer)[0] ?? '', `Restrict ${rule.id} to ${w.label}`)
              }
            >
              {w.label}
            </button>
          ))}
        </div>
      ))}
      {findings
        .filter((f) => !isWorldOpen(f))
        .map((f) => (
          <div key={f.code} className="msg notice" role="note">
            <span aria-hidden="true">ℹ</span>{' '}
            {f.code === 'DUPLICATE_RULE'
              ? `Duplicate of ${f.related?.map((r) => r.ruleId).join(', ')}`
              : `Covered by ${f.related?.map((r) => r.ruleId).join(', ')}: it adds nothing`}
          </div>
        ))}
    </div>
  );
}

export function DescriptionCell({ rule, direction, issues, change }: CellProps) {
  return (
    <DraftInput
      inGrid
      label="Description"
      value={rule.description ?? ''}
      issues={issues.get('description')}
      check={(text) => draftIssues({ ...rule, description: text }, direction, 'description')}
      onCommit={(text) => {
        const { description: _d, ...rest } = rule;
        change(text === '' ? rest : { ...rule, description: text }, 'Edit the description');
      }}
    />
  );
}
