/**
 * What the internet can open on each instance: the badges of the topology ("SSH open to the
 * internet", "HTTPS reachable from the internet via shop-alb"). "The internet" is any address: a
 * service counts only when two unrelated outside addresses both get in, so a rule for one office
 * or for My IP does not make a badge. Direct exposure is cached per interface and its groups, so
 * after a rule edit only the instances carrying the edited group are looked at again.
 */
import type { LoadBalancer, Scenario } from '../model';
import { parseIp, youHost, type Ip } from '../model';
import {
  compile,
  type Compiled,
  type CompiledAcl,
  type CompiledGroup,
  type Iface,
} from './compile';
import { nodeToTarget, routes, targetHealth, toNode } from './lb-path';
import { passes, pathFromOutside, type Hop } from './path';

export interface ExposedService {
  readonly label: string;
  readonly port: number;
  /** Admin and database services open to the world are a danger; web services are expected. */
  readonly risk: 'danger' | 'expected';
  /** The load balancer it is reached through, when not directly. */
  readonly via?: { readonly id: string; readonly name: string };
  /** Who gets in: anyone on the internet, or only the "You" host (My IP). */
  readonly audience: 'internet' | 'you';
  /** Over IPv6 (the instance's IPv6 address) rather than its public IPv4 address. */
  readonly ipv6?: boolean;
}

const SERVICES: readonly Omit<ExposedService, 'via' | 'audience'>[] = [
  { label: 'SSH', port: 22, risk: 'danger' },
  { label: 'RDP', port: 3389, risk: 'danger' },
  { label: 'MySQL', port: 3306, risk: 'danger' },
  { label: 'PostgreSQL', port: 5432, risk: 'danger' },
  { label: 'HTTP', port: 80, risk: 'expected' },
  { label: 'HTTPS', port: 443, risk: 'expected' },
];

/** Documentation (RFC 5737) and benchmarking (RFC 2544) addresses: nobody's office. */
const PROBES = ['192.0.2.1', '198.18.0.1'].map((a) => parseIp(a) as Ip);
/** The IPv6 documentation block (RFC 3849), two far-apart addresses. */
const PROBES6 = ['2001:db8::1', '2001:db8:ffff::1'].map((a) => parseIp(a) as Ip);

const direct = new WeakMap<
  Iface,
  {
    groups: readonly (CompiledGroup | undefined)[];
    acl: CompiledAcl | undefined;
    you: Ip | null;
    out: ExposedService[];
  }
>();

function directExposure(c: Compiled, iface: Iface, you: Ip | null): ExposedService[] {
  const groups = iface.groupIds.map((g) => c.groups.get(g));
  const acl = c.acls.get(iface.subnet.id);
  const hit = direct.get(iface);
  if (
    hit &&
    hit.acl === acl &&
    hit.you?.value === you?.value &&
    hit.groups.length === groups.length &&
    hit.groups.every((g, i) => g === groups[i])
  )
    return hit.out;
  // the same path a flow from outside takes: the internet gateway, the groups, a running receiver
  // (the paths do not depend on the port: built once, asked for every service)
  const paths = (from: readonly Ip[], via: 'public' | 'ipv6') =>
    from.map((ip) => pathFromOutside(c, ip, 'a probe', iface, via));
  const world = paths(PROBES, 'public');
  const world6 = paths(PROBES6, 'ipv6');
  const mine = you?.family === 4 ? paths([you], 'public') : null;
  const opens = (hops: readonly (readonly Hop[])[], port: number) =>
    hops.every((h) => passes(c, h, { protocol: 6, port }));
  const out: ExposedService[] = [];
  for (const s of SERVICES) {
    if (opens(world, s.port)) out.push({ ...s, audience: 'internet' });
    // My IP: what the learner's own machine can open, when the world cannot
    else if (mine && opens(mine, s.port)) out.push({ ...s, risk: 'expected', audience: 'you' });
    if (opens(world6, s.port)) out.push({ ...s, audience: 'internet', ipv6: true });
  }
  direct.set(iface, { groups, acl, you, out });
  return out;
}

/**
 * Targets the internet reaches through an internet-facing load balancer, per listener: the same
 * legs as a flow to the balancer (the node's subnet ACL and groups, then the node's leg to each
 * healthy target, with the replies), asked for every probe.
 */
function throughLoadBalancer(
  c: Compiled,
  lb: LoadBalancer,
  into: Map<string, readonly ExposedService[]>,
) {
  if (lb.scheme !== 'internet-facing') return;
  const nodes = c.lbNodes.get(lb.id) ?? [];
  for (const listener of lb.listeners) {
    if (!['tcp', 'http', 'https', 'tls', 'tcp_udp'].includes(listener.protocol.toLowerCase()))
      continue;
    const pkt = { protocol: 6, port: listener.port };
    const known = SERVICES.find((s) => s.port === listener.port);
    const service = {
      label: known?.label ?? `TCP ${listener.port}`,
      port: listener.port,
      risk: known?.risk ?? 'expected',
      audience: 'internet' as const,
    };
    const data = { protocol: 6, port: listener.targetPort };
    const health = targetHealth(c, lb, listener);
    const { byNode } = routes(nodes, health);
    const exposed = new Set<Iface>();
    for (const node of nodes) {
      // the internet reaches this node, every probe of it
      const reaches = PROBES.every((ip) => {
        const r = toNode(c, { outside: { ip, name: 'a probe' } }, lb, node);
        return typeof r !== 'string' && passes(c, [...r.leg.hops, ...r.leg.reply], pkt);
      });
      if (!reaches) continue;
      for (const target of byNode.get(node) ?? []) {
        const ok = PROBES.every((ip) => {
          const leg = nodeToTarget(c, lb, node, target, data, ip);
          return passes(c, [...leg.hops, ...leg.reply], data);
        });
        if (ok) exposed.add(target);
      }
    }
    for (const target of exposed) {
      // copy: the direct list is cached and shared
      const entry = { ...service, via: { id: lb.id, name: lb.name } };
      into.set(target.id, [...(into.get(target.id) ?? []), entry]);
    }
  }
}

/** Per instance id: the services the internet can open on it, directly or through a balancer. */
export function exposure(s: Scenario): ReadonlyMap<string, readonly ExposedService[]> {
  const c = compile(s);
  const out = new Map<string, readonly ExposedService[]>();
  const host = youHost(s);
  const you = host ? parseIp(host.ip) : null;
  for (const [id, iface] of c.instanceIfaces) {
    const d = directExposure(c, iface, you?.family === 4 ? you : null);
    if (d.length > 0) out.set(id, d);
  }
  for (const lb of s.loadBalancers ?? []) throughLoadBalancer(c, lb, out);
  return out;
}
