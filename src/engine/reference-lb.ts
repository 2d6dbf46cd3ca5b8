/**
 * The reference evaluator's load balancers, written from aws-semantics.md §10.4 alone: loops over
 * the document, no compiled form, no hops. A TCP or UDP flow to a balancer is allowed when every
 * (node, target) pair the balancer may use delivers it and its replies: the client's leg to the
 * node (groups, ACLs, the internet gateway for an internet-facing balancer), the listener, the
 * node's leg to a target healthy from it (or to every target when all are unhealthy everywhere).
 */
import {
  cidrOf,
  parseIp,
  protocolNumberOf,
  type Flow,
  type Instance,
  type Ip,
  type LoadBalancer,
  type Scenario,
  type Subnet,
} from '../model';
import { aclsPass, admits, end, packet, running, type RefPacket } from './reference';

interface RefNode {
  readonly subnet: Subnet;
  readonly priv: Ip;
  readonly pub: Ip | null;
}

/** Node addresses as the model states them: the highest free address of each subnet, in order. */
export function nodesOf(s: Scenario, lb: LoadBalancer): RefNode[] {
  const used = new Set<number>();
  for (const i of s.instances) {
    const ip = parseIp(i.privateIp);
    if (ip?.family === 4) used.add(ip.value);
  }
  for (const b of s.loadBalancers ?? []) {
    const nodes: RefNode[] = [];
    for (const id of b.subnetIds) {
      const subnet = s.subnets.find((x) => x.id === id);
      const block = subnet ? cidrOf(subnet.cidr) : null;
      if (!subnet || !block || block.family !== 4) continue;
      let v = block.hi - 1;
      while (used.has(v) && v > block.lo + 4) v--;
      used.add(v);
      const pub =
        b.scheme === 'internet-facing' && subnet.public
          ? ({ family: 4, value: 198 * 2 ** 24 + 19 * 2 ** 16 + (v % 65536) } as Ip)
          : null;
      nodes.push({ subnet, priv: { family: 4, value: v }, pub });
    }
    if (b === lb) return nodes;
  }
  return [];
}

/** The ACLs between two subnets for a packet and its reply; none within one subnet. */
function acls(
  s: Scenario,
  from: Subnet | null,
  to: Subnet | null,
  src: Ip,
  dst: Ip,
  pkt: RefPacket,
  sourcePort: number,
): boolean {
  return (
    (from !== null && from === to) ||
    aclsPass(s, from?.id ?? null, to?.id ?? null, src, dst, pkt, sourcePort)
  );
}

const subnetOf = (s: Scenario, i: Instance): Subnet | undefined =>
  s.subnets.find((x) => x.id === i.subnetId);

/** The client's leg to one node (and its reply): allowed, and the address the node sees. */
function clientLeg(
  s: Scenario,
  flow: Flow,
  lb: LoadBalancer,
  node: RefNode,
  pkt: RefPacket,
  sourcePort: number,
): Ip | null {
  const from = end(s, flow.from);
  if (!from || from.kind === 'bad') return null;
  if (from.kind === 'host') {
    if (lb.scheme !== 'internet-facing' || from.ip.family !== 4 || !node.pub) return null;
    const nodeIn = admits(s, lb.securityGroupIds, 'inbound', pkt, from.ip, true);
    return nodeIn && acls(s, null, node.subnet, from.ip, node.pub, pkt, sourcePort)
      ? from.ip
      : null;
  }
  const inst = from.inst;
  const subnet = subnetOf(s, inst);
  if (!running(s, inst) || !subnet || subnet.vpcId !== node.subnet.vpcId || flow.via === 'ipv6')
    return null;
  if (lb.scheme === 'internet-facing' && flow.via !== 'private') {
    // its name resolves to public addresses: out through the internet gateway and back in
    if (!subnet.public || !from.publicIp || !node.pub) return null;
    const smtp =
      pkt.protocol === 6 &&
      pkt.port === 25 &&
      (inst.kind ?? 'ec2') === 'ec2' &&
      !s.ec2Port25Unblocked;
    const ok =
      !smtp &&
      admits(s, inst.securityGroupIds, 'outbound', pkt, node.pub, true) &&
      admits(s, lb.securityGroupIds, 'inbound', pkt, from.publicIp, true) &&
      // through the gateway the packet leaves the subnet even when both are the same
      aclsPass(s, subnet.id, node.subnet.id, from.publicIp, node.pub, pkt, sourcePort);
    return ok ? from.publicIp : null;
  }
  const ok =
    admits(s, inst.securityGroupIds, 'outbound', pkt, node.priv, false) &&
    admits(s, lb.securityGroupIds, 'inbound', pkt, from.priv, false) &&
    acls(s, subnet, node.subnet, from.priv, node.priv, pkt, sourcePort);
  return ok ? from.priv : null;
}

/** The node's leg to a target (and its reply): the node's groups out, the target's in, the ACLs. */
function nodeLeg(
  s: Scenario,
  lb: LoadBalancer,
  node: RefNode,
  target: Instance,
  pkt: RefPacket,
  client: Ip | null,
  sourcePort: number,
): boolean {
  const subnet = subnetOf(s, target);
  const ip = parseIp(target.privateIp);
  if (!subnet || ip?.family !== 4) return false;
  const src = client ?? node.priv;
  return (
    admits(s, lb.securityGroupIds, 'outbound', pkt, ip, false) &&
    admits(
      s,
      target.securityGroupIds,
      'inbound',
      pkt,
      src,
      false,
      client ? lb.securityGroupIds : [],
    ) &&
    acls(s, node.subnet, subnet, src, ip, pkt, sourcePort)
  );
}

function listensOn(lb: LoadBalancer, pkt: RefPacket): { targetPort: number } | undefined {
  return lb.listeners.find((l) => {
    const p = l.protocol.toUpperCase();
    const protocols = p === 'UDP' ? [17] : p === 'TCP_UDP' ? [6, 17] : [6];
    return l.port === pkt.port && protocols.includes(pkt.protocol);
  });
}

export function referenceThroughBalancer(
  s: Scenario,
  lb: LoadBalancer,
  flow: Flow,
): boolean | undefined {
  const pkt = packet(flow);
  const protocol = protocolNumberOf(flow.protocol);
  if (protocol !== 6 && protocol !== 17) return undefined;
  if (!pkt) return false;
  // a node in a zone that is down is not returned (§10.4)
  const nodes = nodesOf(s, lb).filter(
    (n) => !(s.unavailableZones ?? []).includes(n.subnet.availabilityZone),
  );
  const listener = listensOn(lb, pkt);
  if (nodes.length === 0 || !listener) return false;
  const sourcePort = flow.sourcePort ?? 49152;
  const data: RefPacket = { ...pkt, port: listener.targetPort };
  const health: RefPacket = {
    protocol: 6,
    port: lb.healthCheck?.port ?? listener.targetPort,
    icmpType: 0,
    icmpCode: 0,
  };
  const zones = new Set(nodes.map((n) => n.subnet.availabilityZone));
  const cross = lb.crossZone ?? lb.type === 'application';
  // targets that can take traffic: registered, in an enabled zone, running
  const targets = [...new Set(lb.targetInstanceIds)]
    .map((id) => s.instances.find((i) => i.id === id))
    .filter(
      (i): i is Instance =>
        !!i && running(s, i) && zones.has(subnetOf(s, i)?.availabilityZone ?? ''),
    );
  const sends = (n: RefNode, t: Instance) =>
    cross || subnetOf(s, t)?.availabilityZone === n.subnet.availabilityZone;
  const healthyFrom = (n: RefNode, t: Instance) =>
    sends(n, t) && nodeLeg(s, lb, n, t, health, null, 49152);
  const failOpen =
    targets.length > 0 && targets.every((t) => nodes.every((n) => !healthyFrom(n, t)));
  for (const node of nodes) {
    const client = clientLeg(s, flow, lb, node, pkt, sourcePort);
    if (!client) return false;
    const chosen = targets.filter((t) => sends(node, t) && (failOpen || healthyFrom(node, t)));
    if (chosen.length === 0) return false;
    const preserved = lb.type === 'network' ? client : null;
    if (!chosen.every((t) => nodeLeg(s, lb, node, t, data, preserved, sourcePort))) return false;
  }
  return true;
}
