/** The packet a flow sends: protocol number and port, or ICMP type and code. */
import { DEFAULT_SOURCE_PORT, protocolNumberOf, type Flow } from '../model';
import type { Packet } from './match';

/** The packet, or why the flow does not describe one. ICMP without a type means ping (Echo Request). */
export function packetOf(flow: Flow): Packet | string {
  const protocol = protocolNumberOf(flow.protocol);
  if (protocol === null)
    return `'${flow.protocol}' is not a protocol: use tcp, udp, icmp, icmpv6 or a number 0-255.`;
  if (protocol === -1) return 'A packet has one protocol: "-1" (all) only exists in rules.';
  if (protocol === 6 || protocol === 17) {
    const port = flow.port;
    if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
      return `A ${protocol === 6 ? 'TCP' : 'UDP'} flow needs a destination port from 0 to 65535.`;
    }
    return { protocol, port, sourcePort: flow.sourcePort ?? DEFAULT_SOURCE_PORT };
  }
  if (protocol === 1 || protocol === 58) {
    return {
      protocol,
      icmpType: flow.icmpType ?? (protocol === 1 ? 8 : 128),
      icmpCode: flow.icmpCode ?? 0,
    };
  }
  return { protocol };
}

/**
 * The packet that answers this one (scenario-format.md, "Network ACLs"): TCP and UDP back to the
 * client's port; an echo request's echo reply; other protocols the same protocol. Other ICMP
 * messages have no reply leg (null).
 */
export function replyOf(pkt: Packet): Packet | null {
  if (pkt.protocol === 6 || pkt.protocol === 17)
    return {
      protocol: pkt.protocol,
      port: pkt.sourcePort ?? DEFAULT_SOURCE_PORT,
      sourcePort: pkt.port ?? 0,
    };
  if (pkt.protocol === 1)
    return pkt.icmpType === 8 ? { protocol: 1, icmpType: 0, icmpCode: 0 } : null;
  if (pkt.protocol === 58)
    return pkt.icmpType === 128 ? { protocol: 58, icmpType: 129, icmpCode: 0 } : null;
  return { protocol: pkt.protocol };
}
