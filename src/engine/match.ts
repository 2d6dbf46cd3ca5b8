/** Matching one packet against one rule, field by field (aws-semantics.md §12.2). */
import {
  cidrContains,
  formatIp,
  icmpLabel,
  portRangeLabel,
  protocolLabel,
  ruleTypeOf,
  type Ip,
} from '../model';
import type { CompiledRule, Members } from './compile';

export interface Packet {
  readonly protocol: number;
  /** tcp/udp destination port */
  readonly port?: number;
  /** tcp/udp: the client's port, where the reply goes (network ACLs see it; groups never ask) */
  readonly sourcePort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

export interface FieldMatch {
  readonly protocol: boolean;
  readonly port: boolean;
  readonly peer: boolean;
}

/** Lets a target rule that references an NLB's group admit client-IP-preserved traffic (§4.3, §10.2). */
export type GroupOverride = ReadonlySet<string>;

/** Where the remote address was seen: members of groups, and whether it crossed the internet gateway. */
export interface PeerContext {
  readonly members: ReadonlyMap<string, Members>;
  readonly override?: GroupOverride | undefined;
  /** A group reference never matches a packet that came through the internet gateway (§4.3). */
  readonly publicPath?: boolean | undefined;
}

export function peerMatches(rule: CompiledRule, remote: Ip, ctx: PeerContext): boolean {
  const peer = rule.peer;
  switch (peer.kind) {
    case 'cidr':
      return cidrContains(peer.cidr, remote);
    case 'prefix-list':
      return peer.cidrs.some((c) => cidrContains(c, remote));
    case 'group': {
      if (ctx.override?.has(peer.groupId)) return true;
      const m = ctx.members.get(peer.groupId);
      if (!m || ctx.publicPath) return false;
      return remote.family === 4 ? m.v4.has(remote.value) : m.v6.has(remote.value);
    }
  }
}

/** The packet's port/type/code against the rule's range; protocols without ports always pass. */
/** What port and protocol matching reads: a rule's or a network ACL entry's fields. */
type Ranged = Pick<CompiledRule, 'protocol' | 'ports' | 'from' | 'to'>;

export function portMatches(rule: Ranged, pkt: Packet): boolean {
  if (rule.ports === 'none' || rule.protocol === -1) return true;
  if (rule.ports === 'ports') {
    const p = pkt.port ?? -1;
    return p >= rule.from && p <= rule.to;
  }
  const typeOk = rule.from === -1 || rule.from === pkt.icmpType;
  const codeOk = rule.to === -1 || rule.to === pkt.icmpCode;
  return typeOk && codeOk;
}

export function protocolMatches(rule: Pick<Ranged, 'protocol'>, pkt: Packet): boolean {
  return rule.protocol === -1 || rule.protocol === pkt.protocol;
}

export function matchFields(
  rule: CompiledRule,
  pkt: Packet,
  remote: Ip,
  ctx: PeerContext,
): FieldMatch {
  const protocol = protocolMatches(rule, pkt);
  return {
    protocol,
    // ports only mean something once the protocol agrees (a TCP range says nothing about UDP)
    port: protocol ? portMatches(rule, pkt) : true,
    peer: peerMatches(rule, remote, ctx),
  };
}

export const matchesAll = (m: FieldMatch): boolean => m.protocol && m.port && m.peer;

/** matchesAll(matchFields(…)) without building the fields: protocol, then ports, then the peer. */
export const ruleMatches = (
  rule: CompiledRule,
  pkt: Packet,
  remote: Ip,
  ctx: PeerContext,
): boolean =>
  protocolMatches(rule, pkt) && portMatches(rule, pkt) && peerMatches(rule, remote, ctx);

/** "HTTPS 443 from 10.0.0.0/16", "All traffic to sg-db", "ICMP Echo Request from 0.0.0.0/0". */
export function describeRule(rule: CompiledRule): string {
  const type = ruleTypeOf(rule.rule);
  const peer =
    rule.peer.kind === 'cidr'
      ? rule.peer.text
      : rule.peer.kind === 'group'
        ? rule.peer.groupId
        : rule.peer.id;
  const dir = rule.direction === 'inbound' ? 'from' : 'to';
  let what: string;
  if (rule.ports === 'icmp') {
    what = `${protocolLabel(String(rule.protocol))} ${icmpLabel(rule.protocol === 1 ? 'icmp' : 'icmpv6', rule.from, rule.to)}`;
  } else if (rule.ports === 'ports') {
    const range = portRangeLabel(rule.rule).replace(/ /g, '');
    what =
      type.id.startsWith('custom') || type.id.startsWith('all')
        ? `${protocolLabel(String(rule.protocol))} ${range}`
        : `${type.label} ${range}`;
  } else {
    what =
      rule.protocol === -1 ? 'All traffic' : `Protocol ${protocolLabel(String(rule.protocol))}`;
  }
  return `${what} ${dir} ${peer}`;
}

/** Why the one failing field failed, in a learner's words. */
export function missReason(
  rule: CompiledRule,
  field: keyof FieldMatch,
  pkt: Packet,
  remote: Ip,
  publicPath: boolean,
): string {
  const addr = formatIp(remote);
  if (field === 'protocol') {
    return `this is ${protocolLabel(String(pkt.protocol))} traffic, not ${protocolLabel(String(rule.protocol))}`;
  }
  if (field === 'port') {
    if (rule.ports === 'icmp') {
      const kind = pkt.protocol === 1 ? 'icmp' : 'icmpv6';
      return `the message is ${icmpLabel(kind, pkt.icmpType ?? -1, pkt.icmpCode ?? -1)}, the rule allows ${icmpLabel(kind, rule.from, rule.to)}`;
    }
    const range = rule.from === rule.to ? `port ${rule.from}` : `ports ${rule.from}-${rule.to}`;
    return `port ${pkt.port ?? '?'} is not ${range}`;
  }
  const peer = rule.peer;
  if (peer.kind === 'cidr') {
    if (peer.cidr.family !== remote.family) {
      return `${addr} is an IPv${remote.family} address and the rule covers IPv${peer.cidr.family} only`;
    }
    return `${addr} is not in ${peer.text}`;
  }
  if (peer.kind === 'prefix-list')
    return `${addr} is in none of the entries of prefix list ${peer.id}`;
  return publicPath
    ? `${addr} is a public address: a group reference matches only the private addresses of the group's interfaces`
    : `${addr} is not an address of an interface in ${peer.groupId}`;
}
