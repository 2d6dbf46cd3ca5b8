/** Reading a rule the way the console shows it, and its identity as AWS compares rules. */
import { parseCidr } from './cidr';
import { icmpLabel } from './icmp';
import { normaliseProtocol, portModel, protocolNumberOf } from './protocol';
import { PEER_FIELDS, type Direction, type PeerField, type Rule } from './types';

export type Peer =
  | { readonly kind: 'cidrIpv4'; readonly value: string }
  | { readonly kind: 'cidrIpv6'; readonly value: string }
  | { readonly kind: 'referencedGroupId'; readonly value: string }
  | { readonly kind: 'prefixListId'; readonly value: string };

export function peerFieldsSet(rule: Rule): PeerField[] {
  return PEER_FIELDS.filter((f) => rule[f] !== undefined);
}

/** The rule's one peer, or null when it has none or several. */
export function peerOf(rule: Rule): Peer | null {
  // no list built: the compiler asks this of every rule
  let kind: PeerField | null = null;
  for (const f of PEER_FIELDS) {
    if (rule[f] === undefined) continue;
    if (kind !== null) return null;
    kind = f;
  }
  return kind === null ? null : ({ kind, value: rule[kind] as string } as Peer);
}

/** The peer as typed in the Source/Destination field. */
export function peerText(rule: Rule): string {
  return peerOf(rule)?.value ?? '';
}

/**
 * Reads what a user typed in Source/Destination: `sg-…` is a group, `pl-…` a prefix list, text
 * with a colon an IPv6 block, anything else an IPv4 block (validation says if it is not one).
 */
export function withPeerText(rule: Rule, text: string): Rule {
  const rest: Record<string, unknown> = { ...rule };
  for (const f of PEER_FIELDS) delete rest[f];
  const value = text.trim();
  const field: PeerField = value.startsWith('sg-')
    ? 'referencedGroupId'
    : value.startsWith('pl-')
      ? 'prefixListId'
      : value.includes(':')
        ? 'cidrIpv6'
        : 'cidrIpv4';
  return { ...(rest as unknown as Rule), [field]: value };
}

/** "IPv4", "IPv6", or "–" for a group reference (as the console shows it). */
export function ipVersionLabel(rule: Rule, prefixListFamily?: 'IPv4' | 'IPv6'): string {
  const peer = peerOf(rule);
  if (!peer) return '–';
  if (peer.kind === 'cidrIpv4') return 'IPv4';
  if (peer.kind === 'cidrIpv6') return 'IPv6';
  if (peer.kind === 'prefixListId') return prefixListFamily ?? '–';
  return '–';
}

/** "22", "7000-8000", "All", "N/A" (ICMP type only), as the console's Port range column. */
export function portRangeLabel(rule: Rule): string {
  const protocol = normaliseProtocol(rule.protocol);
  const model = portModel(protocol);
  if (model === 'none') return 'All';
  if (model === 'icmp') {
    const type = rule.fromPort ?? -1;
    const code = rule.toPort ?? -1;
    if (type === -1) return 'All';
    return code === -1 ? 'N/A' : String(code);
  }
  if (rule.fromPort === undefined || rule.toPort === undefined) return '';
  if (rule.fromPort === 0 && rule.toPort === 65535) return '0 - 65535';
  return rule.fromPort === rule.toPort
    ? String(rule.fromPort)
    : `${rule.fromPort} - ${rule.toPort}`;
}

/** "Echo Request", "Destination Unreachable: …" for ICMP rules; the protocol otherwise. */
export function icmpRuleLabel(rule: Rule): string | null {
  const protocol = normaliseProtocol(rule.protocol);
  if (protocol !== 'icmp' && protocol !== 'icmpv6') return null;
  return icmpLabel(protocol, rule.fromPort ?? -1, rule.toPort ?? -1);
}

/**
 * The rule's identity as AWS compares rules for `InvalidPermission.Duplicate`: protocol after
 * name normalisation, ports after -1/ignored normalisation, canonical peer; never the description
 * (aws-semantics.md §12.1). Null when the rule is too broken to compare.
 */
export function ruleKey(rule: Rule, direction: Direction): string | null {
  const n = protocolNumberOf(rule.protocol);
  const peer = peerOf(rule);
  if (n === null || !peer) return null;
  const model = portModel(String(n));
  const ports =
    model === 'ports'
      ? `${rule.fromPort}-${rule.toPort}`
      : model === 'icmp'
        ? `${rule.fromPort ?? -1}/${rule.toPort ?? -1}`
        : '*';
  let peerKey: string = peer.value;
  if (peer.kind === 'cidrIpv4' || peer.kind === 'cidrIpv6') {
    const parsed = parseCidr(peer.value);
    if (!parsed.ok) return null;
    peerKey = parsed.canonical;
  }
  return `${direction}|${n}|${ports}|${peer.kind}:${peerKey}`;
}

/** AWS's own wording of a rule in its duplicate error: `peer: 203.0.113.0/24, TCP, from port: 22, to port: 22, ALLOW`. */
export function awsRuleText(rule: Rule): string {
  const peer = peerOf(rule);
  const parsed = peer && peer.kind.startsWith('cidr') ? parseCidr(peer.value) : null;
  const peerValue = parsed && parsed.ok ? parsed.canonical : (peer?.value ?? '?');
  const protocol = normaliseProtocol(rule.protocol);
  if (protocol === '-1') return `peer: ${peerValue}, ALL, ALLOW`;
  const model = portModel(protocol);
  const name = protocol.toUpperCase();
  if (model === 'none') return `peer: ${peerValue}, ${name}, ALLOW`;
  return `peer: ${peerValue}, ${name}, from port: ${rule.fromPort ?? -1}, to port: ${rule.toPort ?? -1}, ALLOW`;
}

/** "22", "8000-8100" → the two ports; null when the text is not a port or a range. */
export function parsePorts(text: string): readonly [number, number] | null {
  const m = /^\s*(-?\d+)\s*(?:[-–]\s*(-?\d+)\s*)?$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return [from, to];
}

/** "22", "8000-8100": a rule's or an ACL entry's ports as typed (the inverse of parsePorts). */
export function portsText(r: { readonly fromPort?: number; readonly toPort?: number }): string {
  if (r.fromPort === undefined) return '';
  return r.fromPort === r.toPort ? String(r.fromPort) : `${r.fromPort}-${r.toPort}`;
}
