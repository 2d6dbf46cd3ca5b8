/**
 * A straightforward second evaluator: no compilation, no indexes, every rule re-read for every
 * packet, network ACLs read entry by entry in number order. It exists to be obviously right, so property tests use it as an oracle for evaluateFlow
 * and the benchmark measures the indexed engine against it. It answers flows between instances and
 * hosts named by id, and TCP or UDP from them to a load balancer (reference-lb.ts); anything else
 * (literal addresses, ping to a balancer) is outside its scope.
 */
import { nodesOf, referenceThroughBalancer } from './reference-lb';
import {
  cidrOf,
  hasErrors,
  parseIp,
  peerOf,
  portModel,
  protocolNumberOf,
  validateNaclEntry,
  validateRule,
  type Direction,
  type Flow,
  type Instance,
  type Ip,
  type NetworkAcl,
  type Scenario,
} from '../model';

export interface RefPacket {
  readonly protocol: number;
  readonly port: number;
  readonly icmpType: number;
  readonly icmpCode: number;
}

export function packet(flow: Flow): RefPacket | null {
  const protocol = protocolNumberOf(flow.protocol);
  if (protocol === null || protocol === -1) return null;
  const ported = protocol === 6 || protocol === 17;
  const port = flow.port ?? -1;
  if (ported && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return null;
  const echo = protocol === 1 ? 8 : 128;
  return { protocol, port, icmpType: flow.icmpType ?? echo, icmpCode: flow.icmpCode ?? 0 };
}

/** The answer to a packet (the same rules scenario-format.md states), or null: no reply leg. */
export function replyPacket(pkt: RefPacket, sourcePort: number): RefPacket | null {
  if (pkt.protocol === 6 || pkt.protocol === 17) return { ...pkt, port: sourcePort };
  if (pkt.protocol === 1) return pkt.icmpType === 8 ? { ...pkt, icmpType: 0, icmpCode: 0 } : null;
  if (pkt.protocol === 58)
    return pkt.icmpType === 128 ? { ...pkt, icmpType: 129, icmpCode: 0 } : null;
  return pkt;
}

/** The subnet's ACL: the one that names it, else its VPC's default, else none (allow all). */
function aclOf(s: Scenario, subnetId: string): NetworkAcl | null {
  const acls = s.networkAcls ?? [];
  const named = acls.find((a) => a.subnetIds.includes(subnetId));
  if (named) return named;
  const vpcId = s.subnets.find((n) => n.id === subnetId)?.vpcId;
  return acls.find((a) => a.isDefault && a.vpcId === vpcId) ?? null;
}

/** Entries read lowest number first; the first that matches decides; none: denied. */
export function aclAdmits(
  s: Scenario,
  subnetId: string,
  direction: Direction,
  pkt: RefPacket | null,
  remote: Ip,
): boolean {
  const acl = aclOf(s, subnetId);
  if (!acl || !pkt) return true;
  const entries = acl[direction]
    .filter((e) => !hasErrors(validateNaclEntry(e, '')))
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const e of entries) {
    const protocol = protocolNumberOf(e.protocol);
    if (protocol !== -1 && protocol !== pkt.protocol) continue;
    const model = protocol === -1 ? 'none' : portModel(String(protocol));
    if (model === 'ports' && !(pkt.port >= (e.fromPort ?? 0) && pkt.port <= (e.toPort ?? 65535)))
      continue;
    if (model === 'icmp') {
      const t = e.icmpType ?? -1;
      const c = e.icmpCode ?? -1;
      if (!((t === -1 || t === pkt.icmpType) && (c === -1 || c === pkt.icmpCode))) continue;
    }
    if (!inCidr(e.cidrIpv4 ?? e.cidrIpv6 ?? '', remote)) continue;
    return e.action === 'allow';
  }
  return false;
}

/**
 * The ACLs between two subnets for a request and its reply: out of `a` to `dst`, into `b` from
 * `src`, and the reply back. Either side may be the internet (null).
 */
export function aclsPass(
  s: Scenario,
  a: string | null,
  b: string | null,
  src: Ip,
  dst: Ip,
  pkt: RefPacket,
  sourcePort: number,
): boolean {
  const back = replyPacket(pkt, sourcePort);
  return (
    (a === null || aclAdmits(s, a, 'outbound', pkt, dst)) &&
    (b === null || aclAdmits(s, b, 'inbound', pkt, src)) &&
    (b === null || aclAdmits(s, b, 'outbound', back, src)) &&
    (a === null || aclAdmits(s, a, 'inbound', back, dst))
  );
}

export const same = (a: Ip | null | undefined, b: Ip): boolean =>
  !!a && a.family === b.family && a.value === b.value;

function inCidr(text: string, ip: Ip): boolean {
  const c = cidrOf(text);
  return !!c && c.family === ip.family && ip.value >= c.lo && ip.value <= c.hi;
}

/** Does any rule of these groups in this direction admit the packet from/to `remote`? */
export function admits(
  s: Scenario,
  groupIds: readonly string[],
  direction: Direction,
  pkt: RefPacket,
  remote: Ip,
  publicPath: boolean,
  /** groups whose references match whatever the address (an NLB's, client IP preserved) */
  override: readonly string[] = [],
): boolean {
  if (groupIds.length === 0) return true; // nothing filters an interface without groups
  for (const gid of groupIds) {
    const group = s.securityGroups.find((g) => g.id === gid);
    for (const rule of group?.[direction] ?? []) {
      if (hasErrors(validateRule(rule, direction, ''))) continue;
      const protocol = protocolNumberOf(rule.protocol);
      if (protocol !== -1 && protocol !== pkt.protocol) continue;
      const model = portModel(String(protocol));
      const from = rule.fromPort ?? -1;
      const to = rule.toPort ?? -1;
      if (protocol !== -1 && model === 'ports' && !(pkt.port >= from && pkt.port <= to)) continue;
      if (
        model === 'icmp' &&
        !((from === -1 || from === pkt.icmpType) && (to === -1 || to === pkt.icmpCode))
      )
        continue;
      const peer = peerOf(rule);
      if (!peer) continue;
      let match = false;
      if (peer.kind === 'cidrIpv4' || peer.kind === 'cidrIpv6') match = inCidr(peer.value, remote);
      else if (peer.kind === 'prefixListId') {
        const list = s.prefixLists?.find((p) => p.id === peer.value);
        match = !!list?.entries.some((e) => inCidr(e.cidr, remote));
      } else if (override.includes(peer.value)) match = true;
      else if (!publicPath) {
        match = memberAddresses(s, peer.value).some((a) => same(a, remote));
      }
      if (match) return true;
    }
  }
  return false;
}

/** Private addresses of every instance carrying the group (in a known subnet) and balancer node. */
function memberAddresses(s: Scenario, groupId: string): (Ip | null)[] {
  return [
    ...s.instances
      .filter((i) => i.securityGroupIds.includes(groupId) && end(s, i.id)?.kind === 'instance')
      .flatMap((i) => [parseIp(i.privateIp), i.ipv6 ? parseIp(i.ipv6) : null]),
    ...(s.loadBalancers ?? [])
      .filter((lb) => lb.securityGroupIds.includes(groupId))
      .flatMap((lb) => nodesOf(s, lb).map((n) => n.priv)),
  ];
}

export type RefEnd =
  | {
      kind: 'instance';
      inst: Instance;
      pub: boolean;
      priv: Ip;
      publicIp: Ip | null;
      v6: Ip | null;
      subnetId: string;
    }
  | { kind: 'host'; ip: Ip }
  | { kind: 'bad' };

export function end(s: Scenario, ref: string): RefEnd | null {
  const inst = s.instances.find((i) => i.id === ref);
  if (inst) {
    const subnet = s.subnets.find((n) => n.id === inst.subnetId);
    const priv = parseIp(inst.privateIp);
    if (!subnet || priv?.family !== 4) return { kind: 'bad' };
    const publicIp = inst.publicIp ? parseIp(inst.publicIp) : null;
    const v6 = inst.ipv6 ? parseIp(inst.ipv6) : null;
    return {
      kind: 'instance',
      inst,
      pub: subnet.public === true,
      priv,
      publicIp: publicIp?.family === 4 ? publicIp : null,
      v6: v6?.family === 6 ? v6 : null,
      subnetId: subnet.id,
    };
  }
  if (s.loadBalancers?.some((l) => l.id === ref)) return null;
  const host = s.hosts?.find((h) => h.id === ref);
  if (host) {
    const ip = parseIp(host.ip);
    return ip ? { kind: 'host', ip } : { kind: 'bad' };
  }
  return null;
}

const vpcOf = (s: Scenario, inst: Instance): string | undefined =>
  s.subnets.find((n) => n.id === inst.subnetId)?.vpcId;

/** Running: not stopped, and its zone is not one of the scenario's unavailable zones. */
export const running = (s: Scenario, i: Instance): boolean =>
  i.state !== 'stopped' &&
  !(s.unavailableZones ?? []).includes(
    s.subnets.find((n) => n.id === i.subnetId)?.availabilityZone ?? '',
  );

/** Whether the flow is allowed, or undefined when the flow is outside this evaluator's scope. */
export function referenceAllowed(s: Scenario, flow: Flow): boolean | undefined {
  const lb = s.loadBalancers?.find((l) => l.id === flow.to);
  if (lb) return referenceThroughBalancer(s, lb, flow);
  const a = end(s, flow.from);
  const b = end(s, flow.to);
  if (!a || !b) return undefined;
  const pkt = packet(flow);
  if (!pkt || a.kind === 'bad' || b.kind === 'bad') return false;
  const sourcePort = flow.sourcePort ?? 49152;
  if (a.kind === 'host' && b.kind === 'host') return true;
  if (a.kind === 'host' && b.kind === 'instance') {
    const via = flow.via ?? (a.ip.family === 6 ? 'ipv6' : 'public');
    if (via === 'private' || !b.pub || !running(s, b.inst)) return false;
    const dst = via === 'ipv6' ? b.v6 : b.publicIp;
    if (!dst || (via === 'ipv6') !== (a.ip.family === 6)) return false;
    return (
      admits(s, b.inst.securityGroupIds, 'inbound', pkt, a.ip, true) &&
      aclsPass(s, null, b.subnetId, a.ip, dst, pkt, sourcePort)
    );
  }
  if (a.kind !== 'instance') return false;
  if (!running(s, a.inst)) return false;
  // EC2 itself drops TCP 25 from its instances to any public address, unless lifted
  const smtpBlocked =
    pkt.protocol === 6 &&
    pkt.port === 25 &&
    (a.inst.kind ?? 'ec2') === 'ec2' &&
    !s.ec2Port25Unblocked;
  if (b.kind === 'host') {
    const own = b.ip.family === 4 ? a.publicIp : a.v6;
    if (smtpBlocked) return false;
    return (
      a.pub &&
      !!own &&
      admits(s, a.inst.securityGroupIds, 'outbound', pkt, b.ip, true) &&
      aclsPass(s, a.subnetId, null, own, b.ip, pkt, sourcePort)
    );
  }
  if (a.inst === b.inst) return true;
  const sameVpc = vpcOf(s, a.inst) === vpcOf(s, b.inst);
  const via = flow.via ?? (sameVpc ? 'private' : 'public');
  let src: Ip | null;
  let dst: Ip | null;
  if (via === 'private') {
    if (!sameVpc) return false;
    [src, dst] = [a.priv, b.priv];
  } else if (via === 'ipv6') {
    if (!sameVpc && !(a.pub && b.pub)) return false;
    [src, dst] = [a.v6, b.v6];
  } else {
    if (!(a.pub && b.pub)) return false;
    [src, dst] = [a.publicIp, b.publicIp];
  }
  if (!src || !dst || !running(s, b.inst)) return false;
  const publicPath = via === 'public';
  if (publicPath && smtpBlocked) return false;
  // only a packet that leaves its subnet meets an ACL: through the gateway it always does
  const crosses = publicPath || a.subnetId !== b.subnetId;
  return (
    admits(s, a.inst.securityGroupIds, 'outbound', pkt, dst, publicPath) &&
    admits(s, b.inst.securityGroupIds, 'inbound', pkt, src, publicPath) &&
    (!crosses || aclsPass(s, a.subnetId, b.subnetId, src, dst, pkt, sourcePort))
  );
}
