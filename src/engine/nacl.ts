/**
 * One network ACL check at a subnet's boundary (aws-semantics.md §9): the entries of one
 * direction, lowest number first, the first that matches decides, allow or deny; none matching,
 * the final `*` entry denies. Only entries of the packet's address family can match.
 */
import {
  cidrContains,
  formatCidr,
  formatIp,
  icmpLabel,
  protocolLabel,
  type Direction,
  type Ip,
  type StepLocation,
  type Subnet,
  type TraceStep,
} from '../model';
import { packetLabel } from './check';
import type { CompiledAcl, CompiledNaclEntry } from './compiled-types';
import { portMatches, protocolMatches, type Packet } from './match';

const entryMatches = (e: CompiledNaclEntry, pkt: Packet, remote: Ip): boolean =>
  protocolMatches(e, pkt) && portMatches(e, pkt) && cidrContains(e.cidr, remote);

/** The entry that decides, or null when the final `*` entry does. */
export function decidingEntry(
  acl: CompiledAcl,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
): CompiledNaclEntry | null {
  for (const e of acl[direction]) if (entryMatches(e, pkt, remote)) return e;
  return null;
}

/** The decision alone, without words: for the many probes of badges and health checks. */
export const aclAllows = (
  acl: CompiledAcl,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
): boolean => decidingEntry(acl, direction, pkt, remote)?.allow ?? false;

/** "TCP 1024-65535", "All traffic", "ICMP Echo Reply", "Protocol GRE (47)". */
export function entryService(
  e: Pick<CompiledNaclEntry, 'protocol' | 'ports' | 'from' | 'to'>,
): string {
  if (e.protocol === -1) return 'All traffic';
  const proto = protocolLabel(String(e.protocol));
  if (e.ports === 'ports')
    return e.from === e.to ? `${proto} ${e.from}` : `${proto} ${e.from}-${e.to}`;
  if (e.ports === 'icmp')
    return `${proto} ${icmpLabel(e.protocol === 1 ? 'icmp' : 'icmpv6', e.from, e.to)}`;
  return `Protocol ${proto}`;
}

/** The lowest allow entry that fails on one field only: what the user most likely meant. */
export function nearestAllow(
  acl: CompiledAcl,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
): { entry: CompiledNaclEntry; field: 'protocol' | 'port' | 'peer' } | null {
  for (const e of acl[direction]) {
    if (!e.allow) continue;
    const protocol = protocolMatches(e, pkt);
    const port = !protocol || portMatches(e, pkt);
    const peer = cidrContains(e.cidr, remote);
    const failed = [!protocol && 'protocol', !port && 'port', !peer && 'peer'].filter(
      (f): f is 'protocol' | 'port' | 'peer' => typeof f === 'string',
    );
    if (failed.length === 1) return { entry: e, field: failed[0] as 'protocol' | 'port' | 'peer' };
  }
  return null;
}

function missWords(
  e: CompiledNaclEntry,
  field: 'protocol' | 'port' | 'peer',
  pkt: Packet,
  remote: Ip,
  reply: boolean,
): string {
  const what = `rule ${e.ruleNumber} allows ${entryService(e)}`;
  if (field === 'port') {
    if (reply && (pkt.protocol === 6 || pkt.protocol === 17))
      return `${what}, but the reply goes to the client's port ${pkt.port}: the reply needs the ephemeral ports (1024-65535)`;
    if (pkt.protocol === 1 || pkt.protocol === 58)
      return `${what}, but this is ${icmpLabel(pkt.protocol === 1 ? 'icmp' : 'icmpv6', pkt.icmpType ?? -1, pkt.icmpCode ?? -1)}`;
    return `${what}, but the packet goes to port ${pkt.port}`;
  }
  if (field === 'protocol') return `${what}, but this is ${protocolLabel(String(pkt.protocol))}`;
  return `${what}, but ${formatIp(remote)} is not in ${formatCidr(e.cidr)}`;
}

/**
 * One boundary crossing as a trace step: which entry decided, or the final `*` rule, and why. `remote` is the other end's address as this subnet sees it: the
 * destination on the way out, the source on the way in.
 */
export function checkAcl(
  acl: CompiledAcl,
  subnet: Subnet,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
  reply: boolean,
): TraceStep {
  const entry = decidingEntry(acl, direction, pkt, remote);
  const allowed = entry?.allow ?? false;
  const where: StepLocation = {
    kind: 'subnet-boundary',
    id: subnet.id,
    subnetId: subnet.id,
    direction,
  };
  const subject = `${acl.id} ${direction}, subnet ${subnet.name ?? subnet.id}`;
  const packet = `${reply ? 'the reply, ' : ''}${packetLabel(pkt)} ${direction === 'inbound' ? 'from' : 'to'} ${formatIp(remote)}`;
  const leaves = direction === 'inbound' ? 'entering' : 'leaving';
  let explanation: string;
  if (entry)
    explanation = `${subject}: rule ${entry.ruleNumber} ${entry.allow ? 'allow' : 'deny'} — the first entry matching ${packet} ${leaves} the subnet (${entryService(entry)} ${direction === 'inbound' ? 'from' : 'to'} ${formatCidr(entry.cidr)}).`;
  else {
    const near = nearestAllow(acl, direction, pkt, remote);
    explanation = `${subject}: no entry matched ${packet} ${leaves} the subnet, so the final * rule denies it${near ? `: ${missWords(near.entry, near.field, pkt, remote, reply)}` : ''}.`;
  }
  if (!allowed && reply)
    explanation += ' Network ACLs are stateless: the reply needs its own entry.';
  return {
    at: `${reply ? 'reply ' : ''}${acl.id} ${direction} (${subnet.id})`,
    where,
    kind: reply ? 'response' : 'network-acl',
    verdict: allowed ? 'allow' : 'deny',
    code: allowed ? 'RULE_MATCH' : 'SUBNET_ACL_RESTRICTION',
    matchedRules: entry
      ? [{ filter: 'network-acl', ownerId: acl.id, ruleNumber: entry.ruleNumber }]
      : [],
    remoteAddress: formatIp(remote),
    packet: {
      protocol: pkt.protocol,
      ...(pkt.port !== undefined ? { port: pkt.port } : {}),
      ...(pkt.icmpType !== undefined
        ? { icmpType: pkt.icmpType, icmpCode: pkt.icmpCode ?? 0 }
        : {}),
    },
    explanation,
  };
}
