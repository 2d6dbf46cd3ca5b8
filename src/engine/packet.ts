/** The packet a flow sends: protocol number and port, or ICMP type and code. */
import { normaliseProtocol, protocolNumber, type Flow } from '../model';
import type { Packet } from './match';

/** The packet, or why the flow does not describe one. ICMP without a type means ping (Echo Request). */
export function packetOf(flow: Flow): Packet | string {
  const protocol = protocolNumber(normaliseProtocol(flow.protocol));
  if (protocol === null)
    return `'${flow.protocol}' is not a protocol: use tcp, udp, icmp, icmpv6 or a number 0-255.`;
  if (protocol === -1) return 'A packet has one protocol: "-1" (all) only exists in rules.';
  if (protocol === 6 || protocol === 17) {
    const port = flow.port;
    if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
      return `A ${protocol === 6 ? 'TCP' : 'UDP'} flow needs a destination port from 0 to 65535.`;
    }
    return { protocol, port };
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
