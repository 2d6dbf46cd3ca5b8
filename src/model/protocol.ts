/** IP protocols as the EC2 API takes them (aws-semantics.md §1.1). */

export const NAMED_PROTOCOLS = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 } as const;
export type NamedProtocol = keyof typeof NAMED_PROTOCOLS;

/** IANA names of protocols learners meet, for labels only: the API takes their numbers. */
const IANA_NAMES: Readonly<Record<number, string>> = {
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPv4 (IP-in-IP)',
  6: 'TCP',
  17: 'UDP',
  41: 'IPv6 encapsulation',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  58: 'ICMPv6',
  89: 'OSPF',
  112: 'VRRP',
  132: 'SCTP',
};

/** The protocol number, `-1` for all, or null when AWS would answer "Unknown protocol". */
export function protocolNumber(protocol: string): number | null {
  // the common words first, without a lookup: the compiler asks this of every rule
  switch (protocol) {
    case 'tcp':
      return 6;
    case 'udp':
      return 17;
    case 'icmp':
      return 1;
    case 'icmpv6':
      return 58;
    case '-1':
      return -1;
  }
  if (!/^\d{1,3}$/.test(protocol)) return null;
  const n = Number(protocol);
  return n <= 255 ? n : null;
}

/** AWS describes 6/17/1/58 by name after creation; we store them the same way. */
export function normaliseProtocol(protocol: string): string {
  switch (protocol) {
    case 'tcp':
    case 'udp':
    case 'icmp':
    case 'icmpv6':
    case '-1':
      return protocol; // the common case, hot in compile
  }
  const n = protocolNumber(protocol.trim().toLowerCase());
  if (n === null) return protocol;
  return NAME_OF_NUMBER.get(n) ?? String(n);
}

/**
 * The number of a protocol as a rule, an ACL entry or a flow writes it (any spelling AWS takes:
 * `tcp`, `TCP`, `6`), or null. A canonical word or number is read at once, without normalising:
 * the compiler asks this of every rule of an account.
 */
export const protocolNumberOf = (protocol: string): number | null =>
  protocolNumber(protocol) ?? protocolNumber(normaliseProtocol(protocol));

const NAME_OF_NUMBER = new Map<number, string>(
  Object.entries(NAMED_PROTOCOLS).map(([name, n]) => [n, name]),
);

/** How a protocol reads its FromPort/ToPort. */
export type PortModel = 'ports' | 'icmp' | 'none';

export function portModel(protocol: string): PortModel {
  return portModelOf(protocolNumber(protocol));
}

/** The port model of a protocol number (-1: all). */
export function portModelOf(n: number | null): PortModel {
  if (n === 6 || n === 17) return 'ports';
  if (n === 1 || n === 58) return 'icmp';
  return 'none';
}

/** "TCP", "ICMPv6", "All", "ESP (50)". */
export function protocolLabel(protocol: string): string {
  const n = protocolNumber(protocol);
  if (n === null) return protocol;
  if (n === -1) return 'All';
  const name = IANA_NAMES[n];
  if (n === 6 || n === 17 || n === 1 || n === 58) return name ?? String(n);
  return name ? `${name} (${n})` : String(n);
}

/** True when a rule's protocol admits a packet's protocol (`-1` admits every protocol). */
export function protocolCovers(ruleProtocol: number, packetProtocol: number): boolean {
  return ruleProtocol === -1 || ruleProtocol === packetProtocol;
}
