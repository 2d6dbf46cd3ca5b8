/** Which endpoint a flow's `from`/`to` names: an id, or a literal address (scenario-format.md). */
import {
  cidrContains,
  formatIp,
  parseIp,
  type Host,
  type Ip,
  type LoadBalancer,
  type Via,
} from '../model';
import type { Compiled, Iface } from './compile';

export type Endpoint =
  | { readonly kind: 'iface'; readonly iface: Iface; readonly via?: Via }
  | { readonly kind: 'lb'; readonly lb: LoadBalancer; readonly nodes: readonly Iface[] }
  | { readonly kind: 'outside'; readonly ip: Ip; readonly name: string; readonly host?: Host }
  | { readonly kind: 'exempt'; readonly ip: Ip; readonly name: string }
  | { readonly kind: 'vpc-address'; readonly ip: Ip; readonly vpcId: string }
  | { readonly kind: 'unknown'; readonly ref: string };

/** Traffic security groups never see (aws-semantics.md §11). */
const LINK_LOCAL_SERVICES: Readonly<Record<string, string>> = {
  '169.254.169.254': 'the instance metadata service',
  '169.254.169.253': 'the Amazon DNS resolver',
  '169.254.169.123': 'Amazon Time Sync',
  '169.254.169.250': 'Windows license activation',
  '169.254.169.251': 'Windows license activation',
  '169.254.170.2': 'the ECS task metadata endpoint',
  'fd00:ec2::254': 'the instance metadata service',
  'fd00:ec2::253': 'the Amazon DNS resolver',
  'fd00:ec2::123': 'Amazon Time Sync',
};

function exemptName(c: Compiled, ip: Ip): string | null {
  const fixed = LINK_LOCAL_SERVICES[formatIp(ip)];
  if (fixed) return fixed;
  if (ip.family !== 4) return null;
  for (const [vpcId, blocks] of c.vpcBlocks) {
    if (!blocks.v4 || blocks.v4.family !== 4) continue;
    // VPC base + 2 is the Route 53 Resolver; base + 1 the VPC router (§11).
    if (ip.value === blocks.v4.lo + 2) return `the Amazon DNS resolver of ${vpcId} (VPC base + 2)`;
    if (ip.value === blocks.v4.lo + 1) return `the VPC router of ${vpcId} (VPC base + 1)`;
  }
  return null;
}

function byAddress(c: Compiled, ref: string, ip: Ip): Endpoint {
  for (const iface of c.interfaces) {
    if (iface.owner.kind !== 'instance') continue;
    const same = (x?: Ip) => x !== undefined && x.family === ip.family && x.value === ip.value;
    if (same(iface.privateIp)) return { kind: 'iface', iface, via: 'private' };
    if (same(iface.publicIp)) return { kind: 'iface', iface, via: 'public' };
    if (same(iface.ipv6)) return { kind: 'iface', iface, via: 'ipv6' };
  }
  const exempt = exemptName(c, ip);
  if (exempt) return { kind: 'exempt', ip, name: exempt };
  for (const [vpcId, b] of c.vpcBlocks) {
    if ((b.v4 && cidrContains(b.v4, ip)) || (b.v6 && cidrContains(b.v6, ip)))
      return { kind: 'vpc-address', ip, vpcId };
  }
  return { kind: 'outside', ip, name: ref };
}

export function resolveEndpoint(c: Compiled, ref: string): Endpoint {
  const iface = c.instanceIfaces.get(ref);
  if (iface) return { kind: 'iface', iface };
  const lb = c.scenario.loadBalancers?.find((x) => x.id === ref);
  if (lb) return { kind: 'lb', lb, nodes: c.lbNodes.get(lb.id) ?? [] };
  const host = c.scenario.hosts?.find((h) => h.id === ref);
  if (host) {
    const ip = parseIp(host.ip);
    return ip ? { kind: 'outside', ip, name: host.name, host } : { kind: 'unknown', ref };
  }
  const ip = parseIp(ref);
  return ip ? byAddress(c, ref, ip) : { kind: 'unknown', ref };
}

export function endpointName(e: Endpoint): string {
  switch (e.kind) {
    case 'iface':
      return e.iface.name === e.iface.id ? e.iface.id : `${e.iface.name} (${e.iface.id})`;
    case 'lb':
      return e.lb.name;
    case 'outside':
    case 'exempt':
      return e.name === formatIp(e.ip) ? e.name : `${e.name} (${formatIp(e.ip)})`;
    case 'vpc-address':
      return formatIp(e.ip);
    case 'unknown':
      return e.ref;
  }
}
