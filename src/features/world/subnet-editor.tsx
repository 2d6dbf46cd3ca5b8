/** A subnet: name, Availability Zone, block, and whether it routes to an internet gateway. */
import { useAppStore } from '../../hooks/use-app-store';
import {
  aclOfSubnet,
  associateSubnet,
  defaultAclOf,
  disassociateSubnet,
  removeSubnet,
  updateItem,
  type Subnet,
} from '../../model';
import { DeleteButton } from './delete-button';
import { WorldField } from './world-field';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'];

export function SubnetEditor({ subnet }: { subnet: Subnet }) {
  const scenario = useAppStore((s) => s.scenario);
  const edit = useAppStore((s) => s.edit);
  const name = subnet.name ?? subnet.id;
  const count = scenario.instances.filter((i) => i.subnetId === subnet.id).length;
  const select = useAppStore((s) => s.select);
  const current = aclOfSubnet(scenario, subnet.id)?.acl;
  const fallback = defaultAclOf(scenario, subnet.vpcId).acl;
  const acls = [
    fallback,
    ...(scenario.networkAcls ?? []).filter((a) => a.vpcId === subnet.vpcId && !a.isDefault),
  ];
  return (
    <article className="details" aria-labelledby="subnet-title">
      <h2 id="subnet-title">
        Subnet {name} <span className="mono muted">{subnet.id}</span>
      </h2>
      <p className="small muted">
        In {subnet.vpcId}; {count} instance{count === 1 ? '' : 's'}.
      </p>
      <div className="form-grid">
        <WorldField
          collection="subnets"
          id={subnet.id}
          field="name"
          label="Name"
          value={subnet.name ?? ''}
          optional
        />
        <label htmlFor={`${subnet.id}-az`}>Availability Zone</label>
        <select
          id={`${subnet.id}-az`}
          value={subnet.availabilityZone}
          onChange={(e) =>
            edit('world/update', `Move ${name} to ${e.target.value}`, (s) =>
              updateItem(s, 'subnets', subnet.id, { availabilityZone: e.target.value }),
            )
          }
        >
          {[...new Set([...ZONES, subnet.availabilityZone])].map((z) => (
            <option key={z}>{z}</option>
          ))}
        </select>
        <WorldField
          collection="subnets"
          id={subnet.id}
          field="cidr"
          label="IPv4 CIDR"
          value={subnet.cidr}
          mono
        />
        <WorldField
          collection="subnets"
          id={subnet.id}
          field="ipv6Cidr"
          label="IPv6 CIDR"
          value={subnet.ipv6Cidr ?? ''}
          placeholder="optional, a /64 of the VPC's block"
          optional
          mono
        />
        <span>Route to the internet</span>
        <label className="check">
          <input
            type="checkbox"
            checked={subnet.public === true}
            onChange={(e) =>
              edit('world/update', `Make ${name} ${e.target.checked ? 'public' : 'private'}`, (s) =>
                updateItem(s, 'subnets', subnet.id, { public: e.target.checked }),
              )
            }
          />
          Public subnet (its route table sends 0.0.0.0/0 to an internet gateway)
        </label>
        <label htmlFor={`${subnet.id}-acl`}>Network ACL</label>
        <span className="inline">
          <select
            id={`${subnet.id}-acl`}
            value={current?.id ?? fallback.id}
            onChange={(e) => {
              const id = e.target.value;
              edit('nacl/associate', `Associate ${name} with ${id}`, (s) =>
                id === fallback.id
                  ? disassociateSubnet(s, subnet.id)
                  : associateSubnet(s, id, subnet.id),
              );
            }}
          >
            {acls.map((a) => (
              <option key={a.id} value={a.id}>
                {a.isDefault ? `default (${a.id})` : `${a.name ?? a.id} (${a.id})`}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="link"
            onClick={() => select({ kind: 'network-acl', id: current?.id ?? fallback.id })}
          >
            Open
          </button>
        </span>
      </div>
      <DeleteButton what={name} remove={(s) => removeSubnet(s, subnet.id)} />
    </article>
  );
}
