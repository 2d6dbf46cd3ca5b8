/** Edits of the network around the groups: VPCs, subnets, instances, hosts, prefix lists, load balancers. */
import { parseCidr } from '../cidr';
import { defaultSecurityGroup } from '../defaults';
import { readableId } from '../ids';
import { nextFreeAddress } from '../subnet-addresses';
import type { Host, Instance, LoadBalancer, PrefixList, Scenario, Subnet, Vpc } from '../types';
import { allIds, done, refused, type EditResult } from './result';

type Collection = 'vpcs' | 'subnets' | 'prefixLists' | 'instances' | 'loadBalancers' | 'hosts';
type ItemOf<C extends Collection> = NonNullable<Scenario[C]>[number];

/** Replaces the item with `id` in a collection by what `change` makes of it. */
function replaceItem<C extends Collection>(
  s: Scenario,
  collection: C,
  id: string,
  change: (item: ItemOf<C>) => ItemOf<C>,
): EditResult {
  const list = (s[collection] ?? []) as readonly ItemOf<C>[];
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) return refused('NotFound', collection, `'${id}' does not exist.`);
  const next = list.slice();
  next[i] = change(list[i] as ItemOf<C>);
  return done({ ...s, [collection]: next });
}

/** Replaces the item with `id` in a collection by `patch` applied to it. */
export function updateItem<C extends Collection>(
  s: Scenario,
  collection: C,
  id: string,
  patch: Partial<ItemOf<C>>,
): EditResult {
  return replaceItem(s, collection, id, (item) => ({ ...item, ...patch }) as ItemOf<C>);
}

function removeItem(
  s: Scenario,
  collection: Collection,
  id: string,
  blockers: string[],
): EditResult {
  if (blockers.length > 0)
    return refused(
      'DependencyViolation',
      collection,
      `${id} has dependent objects: ${blockers.join('; ')}.`,
    );
  const list = (s[collection] ?? []) as readonly { id: string }[];
  if (!list.some((x) => x.id === id))
    return refused('NotFound', collection, `'${id}' does not exist.`);
  return done({ ...s, [collection]: list.filter((x) => x.id !== id) });
}

function append<C extends Collection>(
  s: Scenario,
  collection: C,
  item: ItemOf<C>,
): EditResult<string> {
  return done(
    { ...s, [collection]: [...((s[collection] ?? []) as readonly ItemOf<C>[]), item] },
    item.id,
  );
}

/** A new VPC comes with its default security group, as in AWS. */
export function addVpc(s: Scenario, fields: Omit<Vpc, 'id'>): EditResult<string> {
  const taken = allIds(s);
  const id = readableId('vpc', fields.name ?? 'vpc', taken);
  const vpc: Vpc = { ...fields, id };
  const sg = defaultSecurityGroup(readableId('sg', `${id}-default`, taken), vpc);
  return done({ ...s, vpcs: [...s.vpcs, vpc], securityGroups: [...s.securityGroups, sg] }, id);
}

export function removeVpc(s: Scenario, id: string): EditResult {
  const blockers = s.subnets.filter((x) => x.vpcId === id).map((x) => `subnet ${x.id}`);
  blockers.push(
    ...s.securityGroups
      .filter((g) => g.vpcId === id && g.name !== 'default')
      .map((g) => `security group ${g.id}`),
  );
  const r = removeItem(s, 'vpcs', id, blockers);
  return r.ok
    ? done({
        ...r.scenario,
        securityGroups: r.scenario.securityGroups.filter((g) => g.vpcId !== id),
        ...(r.scenario.networkAcls
          ? { networkAcls: r.scenario.networkAcls.filter((a) => a.vpcId !== id) }
          : {}),
      })
    : r;
}

export function addSubnet(s: Scenario, fields: Omit<Subnet, 'id'>): EditResult<string> {
  return append(s, 'subnets', {
    ...fields,
    id: readableId('subnet', fields.name ?? fields.availabilityZone, allIds(s)),
  });
}

export function removeSubnet(s: Scenario, id: string): EditResult {
  const blockers = [
    ...s.instances.filter((x) => x.subnetId === id).map((x) => `instance ${x.id}`),
    ...(s.loadBalancers ?? [])
      .filter((lb) => lb.subnetIds.includes(id))
      .map((lb) => `load balancer ${lb.name}`),
  ];
  const r = removeItem(s, 'subnets', id, blockers);
  // its ACL association goes with it
  return r.ok && r.scenario.networkAcls
    ? done({
        ...r.scenario,
        networkAcls: r.scenario.networkAcls.map((a) =>
          a.subnetIds.includes(id) ? { ...a, subnetIds: a.subnetIds.filter((x) => x !== id) } : a,
        ),
      })
    : r;
}

/** A new instance gets the lowest free address of its subnet, like DHCP in a VPC. */
export function addInstance(
  s: Scenario,
  fields: Omit<Instance, 'id' | 'privateIp'> & { privateIp?: string },
): EditResult<string> {
  const subnet = s.subnets.find((x) => x.id === fields.subnetId);
  if (!subnet)
    return refused(
      'InvalidSubnetID.NotFound',
      'subnetId',
      `The subnet '${fields.subnetId}' does not exist.`,
    );
  const block = parseCidr(subnet.cidr, 4);
  const used = s.instances.filter((x) => x.subnetId === subnet.id).map((x) => x.privateIp);
  const privateIp = fields.privateIp ?? (block.ok ? nextFreeAddress(block.cidr, used) : null);
  if (!privateIp)
    return refused(
      'InsufficientFreeAddressesInSubnet',
      'subnetId',
      `Subnet ${subnet.id} has no free address left.`,
    );
  return append(s, 'instances', {
    ...fields,
    privateIp,
    id: readableId('i', fields.name ?? 'instance', allIds(s)),
  });
}

/** Removing an instance also deregisters it from every load balancer. */
export function removeInstance(s: Scenario, id: string): EditResult {
  const r = removeItem(s, 'instances', id, []);
  if (!r.ok) return r;
  const lbs = (r.scenario.loadBalancers ?? []).map((lb) =>
    lb.targetInstanceIds.includes(id)
      ? { ...lb, targetInstanceIds: lb.targetInstanceIds.filter((t) => t !== id) }
      : lb,
  );
  return done({ ...r.scenario, ...(r.scenario.loadBalancers ? { loadBalancers: lbs } : {}) });
}

export function addHost(s: Scenario, fields: Omit<Host, 'id'>): EditResult<string> {
  return append(s, 'hosts', { ...fields, id: readableId('host', fields.name, allIds(s)) });
}

export function removeHost(s: Scenario, id: string): EditResult {
  return removeItem(s, 'hosts', id, []);
}

export function addPrefixList(s: Scenario, fields: Omit<PrefixList, 'id'>): EditResult<string> {
  return append(s, 'prefixLists', { ...fields, id: readableId('pl', fields.name, allIds(s)) });
}

export function removePrefixList(s: Scenario, id: string): EditResult {
  const blockers = s.securityGroups.flatMap((g) =>
    [...g.inbound, ...g.outbound]
      .filter((r) => r.prefixListId === id)
      .map((r) => `referenced by ${g.id} rule ${r.id ?? ''}`),
  );
  return removeItem(s, 'prefixLists', id, blockers);
}

export function addLoadBalancer(s: Scenario, fields: Omit<LoadBalancer, 'id'>): EditResult<string> {
  return append(s, 'loadBalancers', { ...fields, id: readableId('lb', fields.name, allIds(s)) });
}

export function removeLoadBalancer(s: Scenario, id: string): EditResult {
  return removeItem(s, 'loadBalancers', id, []);
}

export function setInstanceState(
  s: Scenario,
  id: string,
  state: 'running' | 'stopped',
): EditResult {
  return updateItem(s, 'instances', id, { state });
}

export function renameScenario(s: Scenario, name: string): EditResult {
  const trimmed = name.trim();
  if (trimmed === '') return refused('MissingParameter', 'name', 'A scenario needs a name.');
  return done({ ...s, name: trimmed });
}

/** Removes an optional field of an item (an IPv6 block, a health check, …). */
export function clearField<C extends Collection>(
  s: Scenario,
  collection: C,
  id: string,
  field: keyof ItemOf<C> & string,
): EditResult {
  return replaceItem(s, collection, id, (item) => {
    const { [field]: _gone, ...rest } = item;
    return rest as ItemOf<C>;
  });
}

/**
 * Takes an Availability Zone down, or brings it back: its instances keep their own state for when
 * it returns (aws-semantics.md §10.4: a node in a zone that is down is not returned).
 */
export function setZoneAvailable(s: Scenario, zone: string, available: boolean): EditResult {
  const others = (s.unavailableZones ?? []).filter((z) => z !== zone);
  const unavailableZones = available ? others : [...others, zone].sort();
  const { unavailableZones: _old, ...rest } = s;
  return done(unavailableZones.length > 0 ? { ...rest, unavailableZones } : rest);
}

/** Whether a zone is down in this scenario. */
export const zoneIsDown = (s: Scenario, zone: string): boolean =>
  (s.unavailableZones ?? []).includes(zone);
