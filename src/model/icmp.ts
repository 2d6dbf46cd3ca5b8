/** IANA ICMP and ICMPv6 type and code names, for pickers and traces. */

export interface IcmpType {
  readonly type: number;
  readonly name: string;
  readonly codes?: Readonly<Record<number, string>>;
}

export const ICMP_TYPES: readonly IcmpType[] = [
  { type: 0, name: 'Echo Reply' },
  {
    type: 3,
    name: 'Destination Unreachable',
    codes: {
      0: 'destination network unreachable',
      1: 'destination host unreachable',
      2: 'destination protocol unreachable',
      3: 'destination port unreachable',
      4: 'fragmentation required, and DF flag set',
      5: 'source route failed',
      6: 'destination network unknown',
      7: 'destination host unknown',
      9: 'network administratively prohibited',
      10: 'host administratively prohibited',
      13: 'communication administratively prohibited',
    },
  },
  { type: 4, name: 'Source Quench' },
  {
    type: 5,
    name: 'Redirect Message',
    codes: { 0: 'redirect datagram for the network', 1: 'redirect datagram for the host' },
  },
  { type: 8, name: 'Echo Request' },
  { type: 9, name: 'Router Advertisement' },
  { type: 10, name: 'Router Solicitation' },
  {
    type: 11,
    name: 'Time Exceeded',
    codes: { 0: 'TTL expired in transit', 1: 'fragment reassembly time exceeded' },
  },
  { type: 12, name: 'Parameter Problem: Bad IP header' },
  { type: 13, name: 'Timestamp' },
  { type: 14, name: 'Timestamp Reply' },
];

export const ICMPV6_TYPES: readonly IcmpType[] = [
  {
    type: 1,
    name: 'Destination Unreachable',
    codes: {
      0: 'no route to destination',
      1: 'communication administratively prohibited',
      3: 'address unreachable',
      4: 'port unreachable',
    },
  },
  { type: 2, name: 'Packet Too Big' },
  { type: 3, name: 'Time Exceeded', codes: { 0: 'hop limit exceeded', 1: 'fragment reassembly' } },
  { type: 4, name: 'Parameter Problem' },
  { type: 128, name: 'Echo Request' },
  { type: 129, name: 'Echo Reply' },
  { type: 130, name: 'Multicast Listener Query' },
  { type: 133, name: 'Router Solicitation' },
  { type: 134, name: 'Router Advertisement' },
  { type: 135, name: 'Neighbor Solicitation' },
  { type: 136, name: 'Neighbor Advertisement' },
];

export function icmpTypes(protocol: 'icmp' | 'icmpv6'): readonly IcmpType[] {
  return protocol === 'icmp' ? ICMP_TYPES : ICMPV6_TYPES;
}

/** "Echo Request", "Destination Unreachable: fragmentation required…", "All", "type 42". */
export function icmpLabel(protocol: 'icmp' | 'icmpv6', type: number, code: number): string {
  if (type === -1) return 'All';
  const t = icmpTypes(protocol).find((x) => x.type === type);
  const typeName = t ? t.name : `type ${type}`;
  if (code === -1) return typeName;
  return `${typeName}: ${t?.codes?.[code] ?? `code ${code}`}`;
}
