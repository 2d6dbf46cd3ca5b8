/**
 * A network ACL as the console shows it: its entries per direction, its subnet associations, and
 * what the lint says. The VPC's default ACL is shown even when the document does not write it
 * (AWS's untouched one: allow all); the first edit writes it out.
 */
import { useState } from 'react';
import { DraftInput } from '../../components/draft-input';
import { FieldMessages } from '../../components/field-messages';
import { DirectionTabs } from '../../components/direction-tabs';
import { useAppStore } from '../../hooks/use-app-store';
import { useWorldIssues } from '../../hooks/use-world-issues';
import {
  addNaclEntry,
  associateSubnet,
  defaultAclOf,
  disassociateSubnet,
  nextRuleNumber,
  removeNetworkAcl,
  renameNetworkAcl,
  withDefaultAcl,
  type Direction,
  type EditResult,
  type Issue,
  type NetworkAcl,
  type Scenario,
} from '../../model';
import { aclFindingsOf, itemIssues } from '../../store';
import { DeleteButton } from './delete-button';
import { NaclEntries } from './nacl-entries';

/** The ACL a selection names: written in the document, or a VPC's untouched default. */
export function findAcl(s: Scenario, id: string): { acl: NetworkAcl; written: boolean } | null {
  const acl = (s.networkAcls ?? []).find((a) => a.id === id);
  if (acl) return { acl, written: true };
  for (const vpc of s.vpcs) {
    const d = defaultAclOf(s, vpc.id);
    if (!d.written && d.acl.id === id) return d;
  }
  return null;
}

export function NaclEditor({ acl, written }: { acl: NetworkAcl; written: boolean }) {
  const scenario = useAppStore((s) => s.scenario);
  const checked = useWorldIssues();
  const edit = useAppStore((s) => s.edit);
  const [tab, setTab] = useState<Direction>('inbound');
  const [refusal, setRefusal] = useState<Issue | null>(null);
  const name = acl.name ?? acl.id;
  const vpc = scenario.vpcs.find((v) => v.id === acl.vpcId);
  const subnets = scenario.subnets.filter((sn) => sn.vpcId === acl.vpcId);
  const named = new Set(
    (scenario.networkAcls ?? []).flatMap((a) => (a.isDefault ? [] : a.subnetIds)),
  );
  const change = (label: string, make: (s: Scenario, aclId: string) => EditResult) => {
    const r = edit('nacl/update', label, (s) => {
      const w = written ? { scenario: s, id: acl.id } : withDefaultAcl(s, acl.vpcId);
      return make(w.scenario, w.id);
    });
    setRefusal(r.ok ? null : r.issue);
  };
  const notes = aclFindingsOf(scenario, acl.id);
  const issues = written
    ? itemIssues(checked, scenario, 'networkAcls', acl.id)
    : new Map<string, Issue[]>();
  const serves = (id: string) =>
    acl.subnetIds.includes(id) || (acl.isDefault === true && !named.has(id));
  return (
    <article className="details" aria-labelledby="acl-title">
      <h2 id="acl-title">
        Network ACL {name} <span className="mono muted">{acl.id}</span>
        {acl.isDefault && <span className="badge">default</span>}
      </h2>
      <p className="small muted">
        In {vpc?.name ?? acl.vpcId}. A network ACL filters traffic entering and leaving its subnets
        (not traffic within a subnet). Its rules are read lowest number first and the first that
        matches decides, allow or deny; it is stateless, so replies need rules of their own (to and
        from the clients’ ports, 1024-65535).
        {!written &&
          ' This is the ACL AWS created with the VPC; your first change writes it into the scenario.'}
      </p>
      {!acl.isDefault && (
        <div className="form-grid">
          <span aria-hidden="true">Name</span>
          <DraftInput
            label="Name"
            value={acl.name ?? ''}
            check={() => []}
            onCommit={(v) =>
              change(`Rename ${name} to ${v.trim()}`, (s, id) => renameNetworkAcl(s, id, v.trim()))
            }
          />
        </div>
      )}
      {refusal && (
        <div role="alert" className="msg error">
          <strong>AWS would refuse this ({refusal.code}):</strong> {refusal.message}
        </div>
      )}
      <DirectionTabs
        prefix="acl-"
        value={tab}
        counts={{ inbound: acl.inbound.length, outbound: acl.outbound.length }}
        onChange={setTab}
      >
        {acl[tab].length === 0 && (
          <p className="empty">
            No {tab} rules: the final * rule denies all {tab} traffic of{' '}
            {acl.subnetIds.length > 0 || acl.isDefault
              ? 'its subnets'
              : 'the subnets you associate'}
            , replies included.
          </p>
        )}
        <div className="scroll-x">
          <NaclEntries
            acl={acl}
            issues={issues}
            direction={tab}
            ipv6={vpc?.ipv6Cidr !== undefined}
            change={change}
          />
        </div>
        <button
          type="button"
          className="add"
          onClick={() => {
            const ruleNumber = nextRuleNumber(acl[tab]);
            change(`Add ${tab} rule ${ruleNumber} to ${name}`, (s, id) =>
              addNaclEntry(s, id, tab, {
                ruleNumber,
                action: 'allow',
                protocol: 'tcp',
                fromPort: 80,
                toPort: 80,
                cidrIpv4: '0.0.0.0/0',
              }),
            );
          }}
        >
          Add rule
        </button>
      </DirectionTabs>
      <h3>Subnet associations</h3>
      {acl.isDefault && (
        <p className="small muted">
          The default ACL serves every subnet of the VPC that no other ACL names.
        </p>
      )}
      <ul className="flat checks">
        {subnets.map((sn) => (
          <li key={sn.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={serves(sn.id)}
                disabled={acl.isDefault === true && !named.has(sn.id)}
                onChange={(e) =>
                  e.target.checked
                    ? change(`Associate ${sn.name ?? sn.id} with ${name}`, (s, id) =>
                        associateSubnet(s, id, sn.id),
                      )
                    : change(`Take ${sn.name ?? sn.id} out of ${name}`, (s) =>
                        disassociateSubnet(s, sn.id),
                      )
                }
              />
              {sn.name ?? sn.id} <span className="mono muted">{sn.cidr}</span>
            </label>
          </li>
        ))}
      </ul>
      {notes.length > 0 && (
        <ul className="notes" aria-label="Findings about this ACL">
          {notes.map((f, i) => (
            <li key={i} className={`msg ${f.severity === 'high' ? 'error' : 'warning'}`}>
              {f.title}. {f.message}
            </li>
          ))}
        </ul>
      )}
      <FieldMessages
        id={`${acl.id}-issues`}
        issues={[...(issues.get('vpcId') ?? []), ...(issues.get('isDefault') ?? [])]}
      />
      {!acl.isDefault && <DeleteButton what={name} remove={(s) => removeNetworkAcl(s, acl.id)} />}
    </article>
  );
}
