/** "Launch instance", reduced to what matters for security groups. */
import { useState } from 'react';
import { FieldMessages } from '../../components/field-messages';
import { useAppStore } from '../../hooks/use-app-store';
import {
  addInstance,
  freePublicIp,
  nextFreeAddress,
  parseCidr,
  validateInstanceAt,
  type Issue,
  type Scenario,
} from '../../model';

export function AddInstanceForm() {
  const scenario = useAppStore((s) => s.scenario);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [name, setName] = useState('');
  const [subnetId, setSubnetId] = useState(scenario.subnets[0]?.id ?? '');
  const subnet = scenario.subnets.find((sn) => sn.id === subnetId);
  const groups = scenario.securityGroups.filter((g) => g.vpcId === subnet?.vpcId);
  const [groupId, setGroupId] = useState('');
  const [publicIp, setPublicIp] = useState(false);
  const [privateIp, setPrivateIp] = useState('');
  const [refusal, setRefusal] = useState<Issue | null>(null);
  const block = subnet ? parseCidr(subnet.cidr, 4) : null;
  const next =
    block?.ok && subnet
      ? nextFreeAddress(
          block.cidr,
          scenario.instances.filter((i) => i.subnetId === subnet.id).map((i) => i.privateIp),
        )
      : null;
  // by default what the subnet's instances already carry (a neighbour's role), else the VPC's
  // default group — never a load balancer's group, which is for the balancer's own interfaces
  const neighbours = scenario.instances.filter((i) => i.subnetId === subnetId);
  const group =
    groups.find((g) => g.id === groupId) ??
    groups.find((g) => neighbours.some((i) => i.securityGroupIds.includes(g.id))) ??
    groups.find((g) => g.name === 'default') ??
    groups[0];

  if (scenario.subnets.length === 0)
    return <p className="empty">Add a VPC and a subnet first: an instance lives in a subnet.</p>;
  return (
    <form
      className="details form-grid"
      aria-labelledby="add-instance-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!group) return;
        const label = name.trim() || 'instance';
        const typed = privateIp.trim();
        const launch = (s: Scenario) =>
          addInstance(s, {
            name: label,
            subnetId,
            securityGroupIds: [group.id],
            ...(typed ? { privateIp: typed } : {}),
            ...(publicIp ? { publicIp: freePublicIp(s.instances.map((i) => i.publicIp)) } : {}),
          });
        // a typed address is checked before anything is launched: a refused launch changes nothing
        const trial = launch(scenario);
        if (trial.ok && typed) {
          const last = trial.scenario.instances.length - 1;
          const at = `instances[${last}].privateIp`;
          const bad = validateInstanceAt(trial.scenario, last).find(
            (i) => i.path === at && i.severity === 'error',
          );
          if (bad) return setRefusal(bad);
        }
        const r = edit('instances/add', `Launch ${label}`, launch);
        if (r.ok) select({ kind: 'instance', id: r.value });
        else setRefusal(r.issue);
      }}
    >
      <h2 id="add-instance-title" className="span-2">
        Launch an instance
      </h2>
      <label htmlFor="new-instance-name">Name</label>
      <input
        id="new-instance-name"
        value={name}
        placeholder="web-c"
        onChange={(e) => setName(e.target.value)}
        autoFocus
      />
      <label htmlFor="new-instance-subnet">Subnet</label>
      <select
        id="new-instance-subnet"
        value={subnetId}
        onChange={(e) => setSubnetId(e.target.value)}
      >
        {scenario.subnets.map((sn) => (
          <option key={sn.id} value={sn.id}>
            {sn.name ?? sn.id} ({sn.cidr}, {sn.availabilityZone}, {sn.public ? 'public' : 'private'}
            )
          </option>
        ))}
      </select>
      <label htmlFor="new-instance-ip">Private IPv4</label>
      <input
        id="new-instance-ip"
        className="mono"
        value={privateIp}
        placeholder={next ?? 'no free address'}
        aria-describedby="new-instance-ip-hint"
        onChange={(e) => setPrivateIp(e.target.value)}
      />
      <span className="small muted span-2" id="new-instance-ip-hint">
        Empty: the next free address of the subnet ({next ?? 'none left'}), as DHCP would give it.
      </span>
      <label htmlFor="new-instance-group">Security group</label>
      <select
        id="new-instance-group"
        value={group?.id ?? ''}
        onChange={(e) => setGroupId(e.target.value)}
      >
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name} ({g.id})
          </option>
        ))}
      </select>
      <span>Public IP</span>
      <label className="check">
        <input type="checkbox" checked={publicIp} onChange={(e) => setPublicIp(e.target.checked)} />{' '}
        Auto-assign a public IP
      </label>
      <div className="span-2">
        {refusal && <FieldMessages id="new-instance-msg" issues={[refusal]} />}
        <button type="submit" disabled={!group || (!next && !privateIp.trim())}>
          Launch instance
        </button>
      </div>
    </form>
  );
}
