/**
 * Through a load balancer (aws-semantics.md §10): listener → the balancer's groups inbound → its
 * groups outbound to a healthy target → the target's groups inbound, seen from the node's private
 * address (or, for an NLB with client IP preservation, the client's, where a rule referencing the
 * NLB's group still matches).
 */
import {
  formatIp,
  INTERNET_GATEWAY,
  type Flow,
  type Ip,
  type Listener,
  type LoadBalancer,
  type StepLocation,
} from '../model';
import { checkInterface, locationOf, packetLabel } from './check';
import type { Compiled, Iface } from './compile';
import { egress, ingress } from './legs';
import type { Packet } from './match';
import type { Trace } from './trace';

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

/** Health of every target: running, served by a node, and health checks allowed both ways. */
export function targetHealth(c: Compiled, lb: LoadBalancer, l: Listener): TargetHealth[] {
  const nodes = c.lbNodes.get(lb.id) ?? [];
  const port = healthPort(lb, l);
  const hc: Packet = { protocol: 6, port };
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
      const out1 = checkInterface(c, node, 'outbound', hc, target.privateIp);
      if (!out1.allowed) {
        reason = `health checks on TCP ${port} cannot leave ${node.name}: ${out1.step.explanation}`;
        break;
      }
      const in1 = checkInterface(c, target, 'inbound', hc, node.privateIp);
      if (!in1.allowed) {
        reason = `health checks on TCP ${port} from ${node.name} (${formatIp(node.privateIp)}) are refused: ${in1.step.explanation}`;
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
  let src: Ip;
  let entry: Iface | undefined;
  if ('iface' in client) {
    const s = client.iface;
    if (nodes[0] && s.vpcId !== nodes[0].vpcId) {
      return void t.deny(
        'route',
        at,
        'NO_ROUTE_TO_DESTINATION',
        `${s.name} is in another VPC than ${lb.name}; SG Lab models no peering.`,
        here,
      );
    }
    if (flow.via === 'ipv6')
      return void t.deny(
        'route',
        at,
        'NO_ROUTE_TO_DESTINATION',
        `SG Lab models load balancers on IPv4 only.`,
        here,
      );
    entry = nodes.find((n) => n.subnet.availabilityZone === s.subnet.availabilityZone) ?? nodes[0];
    if (!entry)
      return void t.deny(
        'route',
        at,
        'NO_ROUTE_TO_DESTINATION',
        `${lb.name} has no node in any subnet.`,
        here,
      );
    src = s.privateIp;
    egress(c, t, s, pkt, entry.privateIp, false);
  } else {
    const o = client.outside;
    if (lb.scheme === 'internal') {
      return void t.deny(
        'route',
        at,
        'NO_ROUTE_TO_DESTINATION',
        `${lb.name} is internal: it has only private addresses, so ${o.name} cannot reach it from the internet.`,
        here,
      );
    }
    if (o.ip.family !== 4)
      return void t.deny(
        'route',
        at,
        'NO_ROUTE_TO_DESTINATION',
        `SG Lab models load balancers on IPv4 only.`,
        here,
      );
    entry = nodes.find((n) => n.subnet.public);
    if (!entry)
      return void t.deny(
        'route',
        at,
        'NO_ROUTE_TO_DESTINATION',
        `None of ${lb.name}'s subnets is public, so the internet gateway has no route to it.`,
        here,
      );
    src = o.ip;
    t.pass(
      'internet gateway',
      'route',
      `${o.name} (${formatIp(o.ip)}) reaches ${lb.name}'s public address in ${entry.subnet.availabilityZone}.`,
      undefined,
      { kind: 'gateway', id: INTERNET_GATEWAY, direction: 'inbound' },
    );
  }
  if (pkt.protocol === 1) {
    if (ingress(c, t, entry, pkt, src, !('iface' in client), 'load-balancer')) {
      t.pass(
        at,
        'load-balancer',
        `${lb.name} answers ping itself; ICMP is never forwarded to targets.`,
        undefined,
        here,
      );
    }
    return;
  }
  const listener = lb.listeners.find(
    (l) => l.port === pkt.port && listenerProtocols(l).includes(pkt.protocol),
  );
  const inboundOk = ingress(c, t, entry, pkt, src, !('iface' in client), 'load-balancer');
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
  if (!inboundOk) return;
  forwardToTarget(c, t, lb, listener, pkt, src);
}

function forwardToTarget(
  c: Compiled,
  t: Trace,
  lb: LoadBalancer,
  listener: Listener,
  pkt: Packet,
  client: Ip,
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
  const data: Packet = { protocol: pkt.protocol, port: listener.targetPort };
  const preserveClient = lb.type === 'network';
  t.pass(
    lb.name,
    'load-balancer',
    `${lb.name} sends the request to ${chosen.target.name} in ${chosen.target.subnet.availabilityZone}${health.filter((h) => h.healthy).length > 1 ? ` (one of ${health.filter((h) => h.healthy).length} healthy targets)` : ''}${preserveClient ? `, keeping the client's address ${formatIp(client)} (client IP preservation)` : ` from its node address ${formatIp(node.privateIp)}`}.`,
  );
  if (!egress(c, t, node, data, chosen.target.privateIp, false, 'load-balancer')) return;
  const override = preserveClient ? new Set(lb.securityGroupIds) : undefined;
  ingress(
    c,
    t,
    chosen.target,
    data,
    preserveClient ? client : node.privateIp,
    false,
    'ingress',
    override,
  );
}
