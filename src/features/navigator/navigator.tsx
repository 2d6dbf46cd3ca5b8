/** The world as a list to move around in: VPC → zones → subnets → instances; groups; lists; hosts. */
import { memo, type ReactNode } from 'react';
import { GroupList } from './group-list';
import { Item, longList } from './nav-item';
import { useAppStore } from '../../hooks/use-app-store';
import {
  formatCount,
  addHost,
  addLoadBalancer,
  addPrefixList,
  addVpc,
  createNetworkAcl,
  defaultAclOf,
  freeVpcCidr,
  youHost,
  type EditResult,
  type Instance,
  type Scenario,
} from '../../model';
import { instancesBySubnet, type Selection, type SelectionKind } from '../../store';

function Add({ selection, children }: { selection: Selection; children: ReactNode }) {
  const select = useAppStore((s) => s.select);
  return (
    <button type="button" className="add small" onClick={() => select(selection)}>
      {children}
    </button>
  );
}

/** Adds an item with sensible defaults and opens it: there is no form to fill before it exists. */
function Create({
  label,
  kind,
  make,
}: {
  label: string;
  kind: SelectionKind;
  make: (s: Scenario) => EditResult<string>;
}) {
  const edit = useAppStore((st) => st.edit);
  const select = useAppStore((st) => st.select);
  return (
    <button
      type="button"
      className="add small"
      onClick={() => {
        const r = edit('world/add', label.replace(/^\+ /, ''), make);
        if (r.ok) select({ kind, id: r.value });
      }}
    >
      {label}
    </button>
  );
}

const NONE: readonly Instance[] = [];

/** A listed instance's height, about. */
const INSTANCE_REM = 1.35;

/** How many of a subnet's instances the navigator lists; the diagram shows them all. */
const INSTANCES_LISTED = 50;

/** A subnet's first instances: the list object outlives a rule edit, and so does this. */
const SubnetInstances = memo(function SubnetInstances({
  instances,
}: {
  instances: readonly Instance[];
}) {
  if (instances.length === 0) return null;
  const shown = instances.slice(0, INSTANCES_LISTED);
  const more = instances.length - shown.length;
  return (
    <ul {...longList(shown.length + (more > 0 ? 1 : 0), INSTANCE_REM)}>
      {shown.map((i) => (
        <Item
          key={i.id}
          kind="instance"
          id={i.id}
          extra={i.state === 'stopped' ? 'stopped' : undefined}
          label={i.name ?? i.id}
        />
      ))}
      {more > 0 && <li className="muted small">…and {formatCount(more)} more (see the diagram)</li>}
    </ul>
  );
});

export function Navigator() {
  const s = useAppStore((st) => st.scenario);
  return (
    <nav className="navigator" aria-label="World">
      <section aria-labelledby="nav-network">
        <h2 id="nav-network">Network</h2>
        {s.vpcs.length === 0 && <p className="empty">No VPC yet.</p>}
        <ul className="tree">
          {s.vpcs.map((vpc) => {
            const subnets = s.subnets.filter((sn) => sn.vpcId === vpc.id);
            const zones = [...new Set(subnets.map((sn) => sn.availabilityZone))].sort();
            return (
              <li key={vpc.id}>
                <ul className="flat">
                  <Item
                    kind="vpc"
                    id={vpc.id}
                    label={`VPC ${vpc.name ?? vpc.id}`}
                    extra={vpc.cidr}
                  />
                </ul>
                <ul>
                  {zones.map((az) => (
                    <li key={az}>
                      <span className="tree-label muted">{az}</span>
                      <ul>
                        {subnets
                          .filter((sn) => sn.availabilityZone === az)
                          .map((sn) => {
                            const instances = instancesBySubnet(s.instances).get(sn.id) ?? NONE;
                            return (
                              <li key={sn.id}>
                                <ul className="flat">
                                  <Item
                                    kind="subnet"
                                    id={sn.id}
                                    label={sn.name ?? sn.id}
                                    extra={sn.public ? 'public' : 'private'}
                                  />
                                </ul>
                                <SubnetInstances instances={instances} />
                              </li>
                            );
                          })}
                      </ul>
                    </li>
                  ))}
                  {(s.loadBalancers ?? [])
                    .filter((lb) => subnets.some((sn) => lb.subnetIds.includes(sn.id)))
                    .map((lb) => (
                      <Item
                        key={lb.id}
                        kind="load-balancer"
                        id={lb.id}
                        extra={lb.type === 'application' ? 'ALB' : 'NLB'}
                        label={lb.name}
                      />
                    ))}
                </ul>
              </li>
            );
          })}
        </ul>
        <div className="add-row">
          <Add selection={{ kind: 'new-instance', id: '' }}>+ Launch instance</Add>
          <Create
            label="+ Add VPC"
            kind="vpc"
            make={(st) =>
              addVpc(st, {
                name: `vpc-${st.vpcs.length + 1}`,
                cidr: freeVpcCidr(st.vpcs.map((v) => v.cidr)),
              })
            }
          />
          {s.vpcs.length > 0 && (
            <Create
              label="+ Add load balancer"
              kind="load-balancer"
              make={(st) => {
                const vpc = st.vpcs[0]?.id;
                const subnets = st.subnets.filter((sn) => sn.vpcId === vpc && sn.public);
                return addLoadBalancer(st, {
                  name: `alb-${(st.loadBalancers ?? []).length + 1}`,
                  type: 'application',
                  scheme: 'internet-facing',
                  subnetIds: [
                    ...new Map(subnets.map((sn) => [sn.availabilityZone, sn.id])).values(),
                  ],
                  securityGroupIds: st.securityGroups
                    .filter((g) => g.vpcId === vpc)
                    .slice(0, 1)
                    .map((g) => g.id),
                  listeners: [{ protocol: 'HTTP', port: 80, targetPort: 80 }],
                  targetInstanceIds: [],
                });
              }}
            />
          )}
        </div>
      </section>
      <section aria-labelledby="nav-groups">
        <h2 id="nav-groups">Security groups</h2>
        <GroupList groups={s.securityGroups} />
        <Add selection={{ kind: 'new-group', id: '' }}>+ Create security group</Add>
      </section>
      <section aria-labelledby="nav-acls">
        <h2 id="nav-acls">Network ACLs</h2>
        <ul className="flat">
          {s.vpcs.flatMap((vpc) => {
            const named = new Set(
              (s.networkAcls ?? []).flatMap((a) => (a.isDefault ? [] : a.subnetIds)),
            );
            const d = defaultAclOf(s, vpc.id).acl;
            const served = s.subnets.filter(
              (sn) => sn.vpcId === vpc.id && !named.has(sn.id),
            ).length;
            return [
              <Item
                key={d.id}
                kind="network-acl"
                id={d.id}
                label={`default (${vpc.name ?? vpc.id})`}
                extra={`${served} subnet${served === 1 ? '' : 's'}`}
              />,
              ...(s.networkAcls ?? [])
                .filter((a) => a.vpcId === vpc.id && !a.isDefault)
                .map((a) => (
                  <Item
                    key={a.id}
                    kind="network-acl"
                    id={a.id}
                    label={a.name ?? a.id}
                    extra={`${a.subnetIds.length} subnet${a.subnetIds.length === 1 ? '' : 's'}`}
                  />
                )),
            ];
          })}
        </ul>
        {s.vpcs.length > 0 && (
          <Create
            label="+ Create network ACL"
            kind="network-acl"
            make={(st) =>
              createNetworkAcl(
                st,
                st.vpcs[0]?.id ?? '',
                `acl-${(st.networkAcls ?? []).filter((a) => !a.isDefault).length + 1}`,
              )
            }
          />
        )}
      </section>
      <section aria-labelledby="nav-lists">
        <h2 id="nav-lists">Prefix lists</h2>
        {(s.prefixLists ?? []).length === 0 && <p className="empty">None yet.</p>}
        <ul className="flat">
          {(s.prefixLists ?? []).map((p) => (
            <Item
              key={p.id}
              kind="prefix-list"
              id={p.id}
              extra={`${p.entries.length} entries`}
              label={p.name}
            />
          ))}
        </ul>
        <Create
          label="+ Add prefix list"
          kind="prefix-list"
          make={(st) =>
            addPrefixList(st, {
              name: `list-${(st.prefixLists ?? []).length + 1}`,
              addressFamily: 'IPv4',
              entries: [{ cidr: '198.51.100.0/24' }],
              maxEntries: 5,
            })
          }
        />
      </section>
      <section aria-labelledby="nav-hosts">
        <h2 id="nav-hosts">Outside hosts</h2>
        <ul className="flat">
          {(s.hosts ?? []).map((h) => (
            <Item key={h.id} kind="host" id={h.id} extra={h.ip} label={h.name} />
          ))}
        </ul>
        <Create
          label="+ Add host"
          kind="host"
          make={(st) =>
            addHost(st, {
              name: youHost(st) ? `host-${(st.hosts ?? []).length + 1}` : 'You',
              ip: '198.51.100.20',
            })
          }
        />
      </section>
    </nav>
  );
}
