/**
 * Through a load balancer (aws-semantics.md §10), as hops: the client's leg to a node (its groups
 * inbound, the ACLs between), the listener, then the node's leg to a healthy target (the node's
 * groups outbound, both subnets' ACLs, the target's groups inbound, seen from the node's private
 * address or, for an NLB with client IP preservation, the client's, where a rule referencing the
 * NLB's group still matches), and the reply back over both legs.
 */
import {
  DEFAULT_SOURCE_PORT,
  formatIp,
  INTERNET_GATEWAY,
  type Flow,
  type Ip,
  type Listener,
  type LoadBalancer,
  type StepLocation,
  type Via,
} from '../model';
import { locationOf, packetLabel } from './check';
import type { Compiled, Iface } from './compile';
import type { Packet } from './match';
import { aclHop, crossing, passes, walk, type Hop } from './path';
import { Trace } from './trace';

export type Client =
  { readonly iface: Iface } | { readonly outside: { readonly ip: Ip; readonly name: string } };

export interface TargetHealth {
  readonly target: Iface;
  readonly healthy: boolean;
  readonly reason: string;
  /** Nodes that send to this target (all of them for an ALB; same zone for an NLB). */
  readonly nodes: readonly Iface[];
}

function listenerProtocols(l: Listener): number[] {
  const p = l.protocol.toUpperCase();
  if (p === 'UDP') return [17];
  if (p === 'TCP_UDP') return [6, 17];
  return [6];
}

const healthPort = (lb: LoadBalancer, l: Listener): number => lb.healthCheck?.port ?? l.targetPort;

/** A leg's hops and the ACL hops its reply crosses back. */
interface Leg {
  readonly hops: Hop[];
  readonly reply: Hop[];
}

/** Node → target: the node's groups out, the ACLs between the subnets, the target's groups in. */
export function nodeToTarget(
  c: Compiled,
  lb: LoadBalancer,
  node: Iface,
  target: Iface,
  data: Packet,
  client?: Ip,
): Leg {
  const preserve = lb.type === 'network' && client !== undefined;
  const src = preserve ? client : node.privateIp;
  const acls = crossing(c, node.subnet, target.subnet, src, target.privateIp, false, data);
  return {
    hops: [
      {
        kind: 'interface',
        iface: node,
        direction: 'outbound',
        remote: target.privateIp,
        publicPath: false,
        stage: 'load-balancer',
        packet: data,
      },
      ...acls.out,
      ...acls.into,
      {
        kind: 'interface',
        iface: target,
        direction: 'inbound',
        remote: src,
        publicPath: false,
        packet: data,
        ...(preserve ? { override: new Set(lb.securityGroupIds) } : {}),
      },
    ],
    reply: acls.reply,
  };
}

/** The first thing on these hops that stops the packet, in the trace's words; null if none. */
function blockerOf(c: Compiled, hops: readonly Hop[], pkt: Packet): string | null {
  if (passes(c, hops, pkt)) return null;
  const t = new Trace();
  walk(c, t, hops, pkt);
  return t.steps.find((st) => st.verdict === 'deny')?.explanation ?? 'the packet is dropped.';
}

/** Health of every target: running, served by a node, and health checks allowed both ways. */
export function targetHealth(c: Compiled, lb: LoadBalancer, l: Listener): TargetHealth[] {
  const nodes = c.lbNodes.get(lb.id) ?? [];
  const port = healthPort(lb, l);
  const hc: Packet = { protocol: 6, port, sourcePort: DEFAULT_SOURCE_PORT };
  const out: TargetHealth[] = [];
  for (const id of lb.targetInstanceIds) {
    const target = c.instanceIfaces.get(id);
    if (!target) continue;
    // Cross-zone load balancing is on by default for ALBs and off for NLBs (§10).
    const serving =
      lb.type === 'application'
        ? nodes
        : nodes.filter((n) => n.subnet.availabilityZone === target.subnet.availabilityZone);
    const base = { target, nodes: serving };
    if (!target.running) {
      out.push({ ...base, healthy: false, reason: `${target.name} is stopped.` });
      continue;
    }
    if (serving.length === 0) {
      out.push({
        ...base,
        healthy: false,
        reason: `${lb.name} has no node in ${target.subnet.availabilityZone}, and an NLB sends only within its zone (cross-zone off).`,
      });
      continue;
    }
    let reason = '';
    for (const node of serving) {
      const leg = nodeToTarget(c, lb, node, target, hc);
      const block = blockerOf(c, [...leg.hops, ...leg.reply], hc);
      if (block) {
        reason = `health checks on TCP ${port} from ${node.name} (${formatIp(node.privateIp)}) fail: ${block}`;
        break;
      }
    }
    out.push(
      reason
        ? { ...base, healthy: false, reason }
        : {
            ...base,
            healthy: true,
            reason: `health checks on TCP ${port} from the balancer pass.`,
          },
    );
  }
  return out;
}

/** The client's leg to the node it reaches, or why there is none. */
export function toNode(
  c: Compiled,
  client: Client,
  lb: LoadBalancer,
  nodes: readonly Iface[],
  via?: Via,
): { entry: Iface; src: Ip; leg: Leg } | string {
  if ('iface' in client) {
    const s = client.iface;
    if (nodes[0] && s.vpcId !== nodes[0].vpcId)
      return `${s.name} is in another VPC than ${lb.name}; SG Lab models no peering.`;
    if (via === 'ipv6') return `SG Lab models load balancers on IPv4 only.`;
    const entry =
      nodes.find((n) => n.subnet.availabilityZone === s.subnet.availabilityZone) ?? nodes[0];
    if (!entry) return `${lb.name} has no node in any subnet.`;
    const acls = crossing(c, s.subnet, entry.subnet, s.privateIp, entry.privateIp, false);
    return {
      entry,
      src: s.privateIp,
      leg: {
        hops: [
          {
            kind: 'interface',
            iface: s,
            direction: 'outbound',
            remote: entry.privateIp,
            publicPath: false,
          },
          ...acls.out,
          ...acls.into,
          {
            kind: 'interface',
            iface: entry,
            direction: 'inbound',
            remote: s.privateIp,
            publicPath: false,
            stage: 'load-balancer',
          },
        ],
        reply: acls.reply,
      },
    };
  }
  const o = client.outside;
  if (lb.scheme === 'internal')
    return `${lb.name} is internal: it has only private addresses, so ${o.name} cannot reach it from the internet.`;
  if (o.ip.family !== 4) return `SG Lab models load balancers on IPv4 only.`;
  const entry = nodes.find((n) => n.subnet.public);
  if (!entry)
    return `None of ${lb.name}'s subnets is public, so the internet gateway has no route to it.`;
  return {
    entry,
    src: o.ip,
    leg: {
      hops: [
        {
          kind: 'gateway',
          at: 'internet gateway',
          explain: () =>
            `${o.name} (${formatIp(o.ip)}) reaches ${lb.name}'s public address in ${entry.subnet.availabilityZone}.`,
          where: { kind: 'gateway', id: INTERNET_GATEWAY, direction: 'inbound' },
        },
        ...aclHop(c, entry.subnet, 'inbound', o.ip, false),
        {
          kind: 'interface',
          iface: entry,
          direction: 'inbound',
          remote: o.ip,
          publicPath: true,
          stage: 'load-balancer',
        },
      ],
      reply: aclHop(c, entry.subnet, 'outbound', o.ip, true),
    },
  };
}

export function loadBalancerFlow(
  c: Compiled,
  t: Trace,
  client: Client,
  lb: LoadBalancer,
  pkt: Packet,
  flow: Flow,
): void {
  const nodes = c.lbNodes.get(lb.id) ?? [];
  const at = lb.name;
  const here: StepLocation = { kind: 'load-balancer', id: lb.id };
  const reached = toNode(c, client, lb, nodes, flow.via);
  if (typeof reached === 'string')
    return void t.deny('route', at, 'NO_ROUTE_TO_DESTINATION', reached, here);
  const { src, leg } = reached;
  walk(c, t, leg.hops, pkt);
  if (pkt.protocol === 1) {
    if (!t.denied)
      t.pass(
        at,
        'load-balancer',
        `${lb.name} answers ping itself; ICMP is never forwarded to targets.`,
        undefined,
        here,
      );
    return void walk(c, t, [{ kind: 'response' }, ...leg.reply], pkt);
  }
  const listener = lb.listeners.find(
    (l) => l.port === pkt.port && listenerProtocols(l).includes(pkt.protocol),
  );
  if (!listener) {
    const list = lb.listeners.map((l) => `${l.protocol} ${l.port}`).join(', ') || 'none';
    return void t.deny(
      'load-balancer',
      at,
      'ELB_LISTENER_PORT_RESTRICTION',
      `${lb.name} has no listener for ${packetLabel(pkt)} (listeners: ${list}).`,
      here,
    );
  }
  t.pass(
    at,
    'load-balancer',
    `Listener ${listener.protocol} ${listener.port} forwards to targets on port ${listener.targetPort}.`,
    undefined,
    here,
  );
  if (t.denied) return;
  forwardToTarget(c, t, lb, listener, pkt, src, leg.reply);
}

function forwardToTarget(
  c: Compiled,
  t: Trace,
  lb: LoadBalancer,
  listener: Listener,
  pkt: Packet,
  client: Ip,
  clientReply: readonly Hop[],
): void {
  if (lb.type === 'network') t.throughNlb = true;
  const health = targetHealth(c, lb, listener);
  for (const h of health) {
    t.add({
      at: `${h.target.id} health`,
      where: locationOf(h.target, 'inbound'),
      kind: 'health',
      verdict: h.healthy ? 'allow' : 'deny',
      matchedRules: [],
      explanation: `${h.target.name} (${h.target.subnet.availabilityZone}) is ${h.healthy ? 'healthy' : 'unhealthy'}: ${h.reason}`,
      ...(h.healthy ? {} : { code: 'BAD_STATE' as const }),
    });
  }
  const chosen = health.find((h) => h.healthy);
  if (!chosen) {
    const why =
      health.length === 0
        ? `${lb.name} has no registered targets`
        : `none of ${lb.name}'s ${health.length} targets is healthy`;
    return void t.deny(
      'target',
      lb.name,
      'ELB_NO_HEALTHY_TARGETS',
      `The request has nowhere to go: ${why}.`,
    );
  }
  const node = chosen.nodes[0] as Iface;
  const data: Packet = {
    protocol: pkt.protocol,
    port: listener.targetPort,
    sourcePort: pkt.sourcePort ?? DEFAULT_SOURCE_PORT,
  };
  const preserveClient = lb.type === 'network';
  t.pass(
    lb.name,
    'load-balancer',
    `${lb.name} sends the request to ${chosen.target.name} in ${chosen.target.subnet.availabilityZone}${health.filter((h) => h.healthy).length > 1 ? ` (one of ${health.filter((h) => h.healthy).length} healthy targets)` : ''}${preserveClient ? `, keeping the client's address ${formatIp(client)} (client IP preservation)` : ` from its node address ${formatIp(node.privateIp)}`}.`,
  );
  const leg = nodeToTarget(c, lb, node, chosen.target, data, preserveClient ? client : undefined);
  walk(c, t, [...leg.hops, { kind: 'response' }, ...leg.reply, ...clientReply], pkt);
}
