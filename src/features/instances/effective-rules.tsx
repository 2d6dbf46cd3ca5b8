/**
 * What filters an instance, per direction: the union of its groups' rules (covered rules flagged)
 * and, beside them, its subnet's network ACL, read lowest number first.
 */
import { AclFinalRows, AclHead } from '../../components/acl-rows';
import { useAppStore } from '../../hooks/use-app-store';
import {
  aclOfSubnet,
  entryCidr,
  entryRuleFields,
  ipVersionLabel,
  peerText,
  portRangeLabel,
  protocolLabel,
  ruleTypeOf,
  type Direction,
  type Instance,
  type NetworkAcl,
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

/** The subnet's ACL in one direction, read-only: the order of the numbers is the order of reading. */
function AclRows({
  acl,
  direction,
  ipv6,
}: {
  acl: NetworkAcl;
  direction: Direction;
  ipv6: boolean;
}) {
  const select = useAppStore((s) => s.select);
  const entries = [...acl[direction]].sort((a, b) => a.ruleNumber - b.ruleNumber);
  const peer = direction === 'inbound' ? 'Source' : 'Destination';
  return (
    <table className="rules stackable">
      <caption className="sr-only">
        Network ACL {acl.name ?? acl.id}, {direction}
      </caption>
      <AclHead peer={peer} />
      <tbody>
        {entries.map((e) => {
          const fields = entryRuleFields(e);
          return (
            <tr key={e.ruleNumber}>
              <td data-label="Rule number">
                <button
                  type="button"
                  className="link"
                  onClick={() => select({ kind: 'network-acl', id: acl.id })}
                >
                  {e.ruleNumber}
                </button>
              </td>
              <td data-label="Type">{ruleTypeOf(fields).label}</td>
              <td data-label="Protocol">{protocolLabel(e.protocol)}</td>
              <td data-label="Port range">{portRangeLabel(fields)}</td>
              <td data-label={peer} className="mono">
                {entryCidr(e)}
              </td>
              <td data-label="Allow / Deny" className={e.action === 'deny' ? 'fail' : 'pass'}>
                {e.action === 'deny' ? 'Deny' : 'Allow'}
              </td>
            </tr>
          );
        })}
        <AclFinalRows peer={peer} ipv6={ipv6} />
      </tbody>
    </table>
  );
}

export function EffectiveRules({ instance }: { instance: Instance }) {
  const scenario = useAppStore((s) => s.scenario);
  const rules = effectiveRulesOf(scenario, instance.id);
  const subnet = scenario.subnets.find((sn) => sn.id === instance.subnetId);
  const acl = aclOfSubnet(scenario, instance.subnetId);
  const ipv6 = scenario.vpcs.find((v) => v.id === subnet?.vpcId)?.ipv6Cidr !== undefined;
  return (
    <section className="effective" aria-labelledby={`${instance.id}-effective`}>
      <h3 id={`${instance.id}-effective`}>Effective rules</h3>
      <p className="muted small">
        Every rule of every group on {instance.name ?? instance.id}: a packet is allowed when any
        one of them matches. A packet that leaves or enters the subnet must also pass the
        subnet&rsquo;s network ACL.
      </p>
      {(['inbound', 'outbound'] as const).map((d) => (
        <div
          key={d}
          className="scroll-x"
          tabIndex={0}
          role="region"
          aria-label={`Effective ${d} rules`}
        >
          <h4>
            {d === 'inbound' ? 'Inbound' : 'Outbound'}: security groups (stateful, any rule allows)
          </h4>
          <Rows rows={rules.filter((r) => r.direction === d)} direction={d} />
          {acl && (
            <>
              <h4>
                {d === 'inbound' ? 'Inbound' : 'Outbound'}: network ACL {acl.acl.name ?? acl.acl.id}{' '}
                of {subnet?.name ?? instance.subnetId} (stateless, the first match by number
                decides; traffic within the subnet skips it)
              </h4>
              <AclRows acl={acl.acl} direction={d} ipv6={ipv6} />
            </>
          )}
        </div>
      ))}
    </section>
  );
}
