/**
 * Load-balancer nodes: ELB puts one node (an ENI carrying the balancer's groups) in each subnet it
 * serves (aws-semantics.md §10.1). The format has no node addresses, so each node takes the highest
 * free address of its subnet: stable for the same scenario, clear of instances and other nodes.
 * A node in a zone that is down is gone (DNS no longer returns it, §10.4); the others keep their
 * addresses.
 */
import { cidrOf, parseIp, type Instance, type LoadBalancer, type Subnet } from '../model';
import type { Iface } from './compiled-types';

export function loadBalancerNodes(
  lbs: readonly LoadBalancer[],
  subnets: ReadonlyMap<string, Subnet>,
  instances: readonly Instance[],
  downZones: ReadonlySet<string>,
): Map<string, Iface[]> {
  const used = new Set<number>();
  for (const i of instances) {
    const ip = parseIp(i.privateIp);
    if (ip?.family === 4) used.add(ip.value);
  }
  const out = new Map<string, Iface[]>();
  for (const lb of lbs) {
    const nodes: Iface[] = [];
    for (const subnetId of lb.subnetIds) {
      const subnet = subnets.get(subnetId);
      const block = subnet ? cidrOf(subnet.cidr) : null;
      if (!subnet || !block || block.family !== 4) continue;
      let value = block.hi - 1;
      while (used.has(value) && value > block.lo + 4) value--;
      used.add(value);
      nodes.push({
        id: `${lb.id}@${subnetId}`,
        owner: { kind: 'lb', lb },
        name: `${lb.name} node in ${subnet.availabilityZone}`,
        subnet,
        vpcId: subnet.vpcId,
        privateIp: { family: 4, value },
        // the format has no balancer addresses: an internet-facing node's public one is made up,
        // from the benchmarking block 198.19.0.0/16, so that rules see a public address
        ...(lb.scheme === 'internet-facing' && subnet.public
          ? {
              publicIp: {
                family: 4 as const,
                value: ((198 << 24) >>> 0) + (19 << 16) + (value & 0xffff),
              },
            }
          : {}),
        groupIds: lb.securityGroupIds,
        running: true,
      });
    }
    out.set(
      lb.id,
      nodes.filter((n) => !downZones.has(n.subnet.availabilityZone)),
    );
  }
  return out;
}
