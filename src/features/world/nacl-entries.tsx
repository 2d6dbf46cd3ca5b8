/**
 * One direction of a network ACL in the console's shape: Rule number, Type, Protocol, Port range,
 * Source or Destination, Allow / Deny; sorted by number, the final `*` rule last and read-only.
 * Every cell commits on its own and is checked as the user types (numbers 1-32766 unique, one
 * CIDR, ports as for rules).
 */
import { AclFinalRows, AclHead } from '../../components/acl-rows';
import { DraftInput } from '../../components/draft-input';
import { FieldMessages } from '../../components/field-messages';
import {
  applyRuleType,
  entryCidr,
  entryRuleFields,
  icmpTypes,
  normaliseProtocol,
  parsePorts,
  portsText,
  portModel,
  protocolLabel,
  removeNaclEntry,
  RULE_TYPES,
  ruleType,
  ruleTypeOf,
  updateNaclEntry,
  naclEntryIssues,
  withEntryCidr,
  withRuleFields,
  type Direction,
  type EditResult,
  type Issue,
  type NaclEntry,
  type NetworkAcl,
  type Scenario,
} from '../../model';

interface Props {
  readonly acl: NetworkAcl;
  /** The document's issues of this ACL, by path inside it ("inbound[2].cidrIpv4"). */
  readonly issues: ReadonlyMap<string, Issue[]>;
  readonly direction: Direction;
  readonly ipv6: boolean;
  /** Writes the ACL out first when it is the VPC's untouched default. */
  readonly change: (label: string, make: (s: Scenario, aclId: string) => EditResult) => void;
}

const fieldOf: Record<string, string[]> = {
  number: ['ruleNumber'],
  type: ['protocol'],
  ports: ['fromPort', 'toPort', 'icmpType', 'icmpCode'],
  cidr: ['cidrIpv4', 'cidrIpv6', ''],
};

/** The draft entry's problems for one cell, and a number taken by another entry. */
function cellIssues(
  acl: NetworkAcl,
  direction: Direction,
  was: number,
  next: NaclEntry,
  cell: string,
): Issue[] {
  return naclEntryIssues(acl, direction, next, 'e', was).filter((i) =>
    fieldOf[cell]?.includes(i.path === 'e' ? '' : i.path.slice(2)),
  );
}

function Row({
  acl,
  direction,
  entry,
  issues,
  change,
}: Omit<Props, 'ipv6'> & { entry: NaclEntry }) {
  const k = acl[direction].indexOf(entry);
  const own = [...issues].flatMap(([path, list]) =>
    path === `${direction}[${k}]` || path.startsWith(`${direction}[${k}].`) ? list : [],
  );
  const n = entry.ruleNumber;
  const set = (next: NaclEntry, label: string) =>
    change(label, (s, id) => updateNaclEntry(s, id, direction, n, next));
  const fields = entryRuleFields(entry);
  const type = ruleTypeOf(fields);
  const model = portModel(normaliseProtocol(entry.protocol));
  const peer = direction === 'inbound' ? 'Source' : 'Destination';
  const check = (cell: string) => (text: string) => {
    const next = draft(cell, text);
    return next
      ? cellIssues(acl, direction, n, next, cell)
      : [
          {
            severity: 'error' as const,
            code: 'InvalidParameterValue',
            path: 'e',
            message:
              cell === 'ports'
                ? 'Type a port (80) or a range (1024-65535).'
                : 'Type a whole number.',
          },
        ];
  };
  const draft = (cell: string, text: string): NaclEntry | null => {
    if (cell === 'number')
      return /^\d+$/.test(text.trim()) ? { ...entry, ruleNumber: Number(text.trim()) } : null;
    if (cell === 'cidr') return withEntryCidr(entry, text);
    if (cell === 'protocol') return withRuleFields(entry, { protocol: text.trim() });
    const p = parsePorts(text);
    return p ? { ...entry, fromPort: p[0], toPort: p[1] } : null;
  };
  const commit = (cell: string, what: string) => (text: string) => {
    const next = draft(cell, text);
    if (next) set(next, `Set ${direction} rule ${n}'s ${what} to ${text.trim()}`);
  };
  const icmp =
    model === 'icmp'
      ? icmpTypes(normaliseProtocol(entry.protocol) === 'icmpv6' ? 'icmpv6' : 'icmp')
      : [];
  return (
    <>
      <tr>
        <td>
          <DraftInput
            className="narrow"
            label={`Rule number (now ${n})`}
            value={String(n)}
            check={check('number')}
            onCommit={commit('number', 'number')}
          />
        </td>
        <td>
          <select
            aria-label={`Type of rule ${n}`}
            value={type.id}
            title={type.hint}
            onChange={(e) => {
              const t = ruleType(e.target.value);
              if (t)
                set(
                  withRuleFields(entry, applyRuleType({ ...fields }, t)),
                  `Set ${direction} rule ${n}'s type to ${t.label}`,
                );
            }}
          >
            {RULE_TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </td>
        <td>
          {type.protocol === 'custom' ? (
            <DraftInput
              className="narrow"
              label={`Protocol number of rule ${n}`}
              value={entry.protocol}
              check={check('type')}
              onCommit={commit('protocol', 'protocol')}
            />
          ) : (
            protocolLabel(entry.protocol)
          )}
        </td>
        <td>
          {model === 'ports' && type.ports === 'user' ? (
            <DraftInput
              className="ports mono"
              label={`Port range of rule ${n}`}
              value={portsText(entry)}
              check={check('ports')}
              onCommit={commit('ports', 'port range')}
            />
          ) : model === 'ports' ? (
            portsText(entry)
          ) : model === 'icmp' ? (
            <select
              aria-label={`ICMP type of rule ${n}`}
              className="icmp-type"
              value={entry.icmpType ?? -1}
              onChange={(e) =>
                set(
                  { ...entry, icmpType: Number(e.target.value), icmpCode: -1 },
                  `Set ${direction} rule ${n}'s ICMP type to ${e.target.value}`,
                )
              }
            >
              <option value={-1}>All types</option>
              {icmp.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.type} {t.name}
                </option>
              ))}
            </select>
          ) : (
            'All'
          )}
        </td>
        <td>
          <DraftInput
            className="cidr mono"
            label={`${peer} of rule ${n}`}
            value={entryCidr(entry)}
            check={check('cidr')}
            onCommit={commit('cidr', peer.toLowerCase())}
          />
        </td>
        <td>
          <select
            aria-label={`Allow or deny, rule ${n}`}
            className={entry.action === 'deny' ? 'deny' : 'allow'}
            value={entry.action}
            onChange={(e) =>
              set(
                { ...entry, action: e.target.value as NaclEntry['action'] },
                `Make ${direction} rule ${n} ${e.target.value}`,
              )
            }
          >
            <option value="allow">Allow</option>
            <option value="deny">Deny</option>
          </select>
        </td>
        <td>
          <button
            type="button"
            aria-label={`Remove ${direction} rule ${n}`}
            onClick={() =>
              change(`Remove ${direction} rule ${n}`, (s, id) =>
                removeNaclEntry(s, id, direction, n),
              )
            }
            title={`Remove rule ${n}`}
          >
            ✕
          </button>
        </td>
      </tr>
      {own.length > 0 && (
        <tr className="row-issues">
          <td colSpan={7}>
            <FieldMessages id={`${acl.id}-${direction}-${n}`} issues={own} />
          </td>
        </tr>
      )}
    </>
  );
}

export function NaclEntries({ acl, issues, direction, ipv6, change }: Props) {
  const sorted = [...acl[direction]].sort((a, b) => a.ruleNumber - b.ruleNumber);
  const peer = direction === 'inbound' ? 'Source' : 'Destination';
  return (
    <table className="rules nacl-entries">
      <caption className="sr-only">
        {direction === 'inbound' ? 'Inbound' : 'Outbound'} rules of {acl.name ?? acl.id}, lowest
        number first: the first that matches decides
      </caption>
      <AclHead peer={peer} actions />
      <tbody>
        {sorted.map((e) => (
          <Row
            key={e.ruleNumber}
            acl={acl}
            issues={issues}
            direction={direction}
            entry={e}
            change={change}
          />
        ))}
        <AclFinalRows peer={peer} ipv6={ipv6} trailingCell />
      </tbody>
    </table>
  );
}
