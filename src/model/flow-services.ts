/** The services a learner sends most, as the composer's presets. */
import { instanceById } from './instance-positions';
import type { Flow, Scenario } from './types';

export interface ServicePreset {
  readonly id: string;
  readonly label: string;
  readonly service: Pick<Flow, 'protocol' | 'port' | 'icmpType' | 'icmpCode'>;
}

export const FLOW_SERVICES: readonly ServicePreset[] = [
  { id: 'https', label: 'HTTPS (TCP 443)', service: { protocol: 'tcp', port: 443 } },
  { id: 'http', label: 'HTTP (TCP 80)', service: { protocol: 'tcp', port: 80 } },
  { id: 'ssh', label: 'SSH (TCP 22)', service: { protocol: 'tcp', port: 22 } },
  { id: 'rdp', label: 'RDP (TCP 3389)', service: { protocol: 'tcp', port: 3389 } },
  { id: 'postgresql', label: 'PostgreSQL (TCP 5432)', service: { protocol: 'tcp', port: 5432 } },
  { id: 'mysql', label: 'MySQL (TCP 3306)', service: { protocol: 'tcp', port: 3306 } },
  { id: 'app', label: 'App (TCP 8080)', service: { protocol: 'tcp', port: 8080 } },
  { id: 'dns', label: 'DNS (UDP 53)', service: { protocol: 'udp', port: 53 } },
  {
    id: 'ping',
    label: 'Ping (ICMP echo)',
    service: { protocol: 'icmp', icmpType: 8, icmpCode: 0 },
  },
  {
    id: 'ping6',
    label: 'Ping over IPv6 (ICMPv6 echo)',
    service: { protocol: 'icmpv6', icmpType: 128, icmpCode: 0 },
  },
];

/** The service the reachability matrix opens on (HTTPS). */
export const MATRIX_FIRST_SERVICE = FLOW_SERVICES[0] as ServicePreset;

/** "TCP 443", "ICMP 8/0", "protocol 50": a flow's service in a few characters. */
export function serviceLabel(f: Pick<Flow, 'protocol' | 'port' | 'icmpType' | 'icmpCode'>): string {
  const p = f.protocol.toLowerCase();
  if (p === 'tcp' || p === 'udp') return `${p.toUpperCase()} ${f.port ?? '?'}`;
  if (p === 'icmp' || p === 'icmpv6')
    return `${p === 'icmp' ? 'ICMP' : 'ICMPv6'} ${f.icmpType ?? (p === 'icmp' ? 8 : 128)}/${f.icmpCode ?? 0}`;
  return `protocol ${f.protocol}`;
}

/** "web-a", "shop-alb", "You (198.51.100.77)": how an endpoint id reads in the UI. */
export function endpointLabel(s: Scenario, ref: string): string {
  const i = instanceById(s, ref);
  if (i) return i.name ?? i.id;
  const lb = s.loadBalancers?.find((x) => x.id === ref);
  if (lb) return lb.name;
  const h = s.hosts?.find((x) => x.id === ref);
  return h ? h.name : ref;
}
