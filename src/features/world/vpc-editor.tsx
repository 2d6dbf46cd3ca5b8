/** A VPC: its name and address blocks, its subnets, and a new subnet in one click. */
import { useAppStore } from '../../hooks/use-app-store';
import { addSubnet, done, freeSubnetBlock, removeVpc, type Vpc } from '../../model';
import { DeleteButton } from './delete-button';
import { WorldField } from './world-field';

export function VpcEditor({ vpc }: { vpc: Vpc }) {
  const scenario = useAppStore((s) => s.scenario);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const subnets = scenario.subnets.filter((sn) => sn.vpcId === vpc.id);
  const free = freeSubnetBlock(
    vpc.cidr,
    subnets.map((sn) => sn.cidr),
  );
  const zone = subnets[subnets.length - 1]?.availabilityZone ?? 'us-east-1a';
  return (
    <article className="details" aria-labelledby="vpc-title">
      <h2 id="vpc-title">
        VPC {vpc.name ?? vpc.id} <span className="mono muted">{vpc.id}</span>
      </h2>
      <div className="form-grid">
        <WorldField
          collection="vpcs"
          id={vpc.id}
          field="name"
          label="Name"
          value={vpc.name ?? ''}
          optional
        />
        <WorldField
          collection="vpcs"
          id={vpc.id}
          field="cidr"
          label="IPv4 CIDR"
          value={vpc.cidr}
          mono
        />
        <WorldField
          collection="vpcs"
          id={vpc.id}
          field="ipv6Cidr"
          label="IPv6 CIDR"
          value={vpc.ipv6Cidr ?? ''}
          placeholder="optional, e.g. 2600:1f18:1::/56"
          optional
          mono
        />
      </div>
      <p className="small">
        {vpc.ipv6Cidr
          ? `IPv6 block: ${vpc.ipv6Cidr}. New groups here get outbound rules to both 0.0.0.0/0 and ::/0.`
          : 'No IPv6 block: instances here have IPv4 addresses only, and new groups get one outbound rule (0.0.0.0/0).'}
      </p>
      <p className="small muted">
        {subnets.length} subnet{subnets.length === 1 ? '' : 's'}:{' '}
        {subnets.map((sn) => `${sn.name ?? sn.id} (${sn.cidr})`).join(', ') || 'none yet'}.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={!free}
          onClick={() => {
            if (!free) return;
            const r = edit('world/add-subnet', `Add subnet ${free} to ${vpc.name ?? vpc.id}`, (s) =>
              addSubnet(s, {
                name: `subnet-${subnets.length + 1}`,
                vpcId: vpc.id,
                availabilityZone: zone,
                cidr: free,
              }),
            );
            if (r.ok) select({ kind: 'subnet', id: r.value });
          }}
        >
          + Add subnet{free ? ` (${free})` : ': the VPC is full'}
        </button>
      </div>
      <fieldset>
        <legend>The account</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={scenario.ec2Port25Unblocked === true}
            onChange={(e) => {
              const lifted = e.target.checked;
              edit(
                'world/update',
                lifted ? "Lift EC2's block of outbound port 25" : "Put EC2's port 25 block back",
                (s) => {
                  const { ec2Port25Unblocked: _was, ...rest } = s;
                  return done(lifted ? { ...rest, ec2Port25Unblocked: true } : rest);
                },
              );
            }}
          />
          AWS lifted EC2&rsquo;s block of outbound TCP 25 (SMTP) to public addresses for this
          account (by default it is blocked, whatever the groups allow)
        </label>
      </fieldset>
      <DeleteButton what={vpc.name ?? vpc.id} remove={(s) => removeVpc(s, vpc.id)} />
    </article>
  );
}
