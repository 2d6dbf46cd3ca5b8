/**
 * Through a load balancer (aws-semantics.md §10), as hops: the client's leg to a node (its groups
 * inbound, the ACLs between), the listener, then the node's leg to a target (the node's groups
 * outbound, both subnets' ACLs, the target's groups inbound, seen from the node's private address
 * or, for an NLB with client IP preservation, the client's, where a rule referencing the NLB's
 * group still matches), and the reply back over both legs.
 *
 * Which legs (§10.4): the client may use the node of every enabled zone; each node sends to the
 * targets healthy from it — every zone's with cross-zone on (ALB default), its own zone's with it
 * off (NLB default) — or, when every target is unhealthy from every node, to all of them (fail
 * open). The flow is allowed only when every (node, target) pair delivers it; the order of the
 * balancer's lists never matters (pairs are judged in zone, subnet and target order).
 */
import {
  crossZoneOf,
  DEFAULT_SOURCE_PORT,
  formatIp,
  INTERNET_GATEWAY,
  type BlockedAt,
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
import { aclHop, crossing, passes, walk, whyDown, type Hop } from './path';
import { Trace } from './trace';

export type Client =
  { readonly iface: Iface } | { readonly outside: { readonly ip: Ip; readonly name: string } };

export interface TargetHealth {
  readonly target: Iface;
  /** Healthy from at least one node that sends to it. */
  readonly healthy: boolean;
  /** The nodes its health checks pass from. */
  readonly healthyFrom: readonly Iface[];
  readonly reason: string;
  /** Nodes that send to this target: every zone's with cross-zone on, its own zone's with it off. */
  readonly nodes: readonly Iface[];
  /** The balancer has a node in its zone (a target elsewhere receives nothing). */
  readonly zoneEnabled: boolean;
}

/** One (node, target) pair of a flow (scenario-format.md "Load balancers and the platform"). */
export interface Pair {
  readonly node: Iface;
  readonly target: Iface | null;
  readonly allowed: boolean;
  readonly blockedAt?: BlockedAt;
  readonly why: string;
}

/** Zones the balancer enables that are down: their nodes are gone. */
function lostZones(c: Compiled, lb: LoadBalancer): string[] {
  const down = new Set(c.scenario.unavailableZones);
  const zones = lb.subnetIds.map((id) => c.subnets.get(id)?.availabilityZone ?? '');
  return [...new Set(zones.filter((z) => down.has(z)))].sort();
}

/** In zone, subnet and id order: no list of the document decides which pair comes first. */
const byZone = (a: Iface, b: Iface): number =>
  a.subnet.availabilityZone.localeCompare(b.subnet.availabilityZone) ||
  a.subnet.id.localeCompare(b.subnet.id) ||
  a.id.localeCompare(b.id);

const zoneWords = (nodes: readonly Iface[]): string =>
  nodes.map((n) => n.subnet.availabilityZone).join(' and ');

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

/** Health of every target from each node that sends to it: running, and checks allowed both ways. */
export function targetHealth(c: Compiled, lb: LoadBalancer, l: Listener): TargetHealth[] {
  const nodes = [...(c.lbNodes.get(lb.id) ?? [])].sort(byZone);
  const port = healthPort(lb, l);
  const hc: Packet = { protocol: 6, port, sourcePort: DEFAULT_SOURCE_PORT };
  const cross = crossZoneOf(lb);
  // enabled by the balancer's subnets, whether or not the zone is up
  const enabled = new Set(lb.subnetIds.map((id) => c.subnets.get(id)?.availabilityZone));
  const out: TargetHealth[] = [];
  const ids = [...new Set(lb.targetInstanceIds)].sort();
  for (const id of ids) {
    const target = c.instanceIfaces.get(id);
    if (!target) continue;
    const zone = target.subnet.availabilityZone;
    const zoneEnabled = enabled.has(zone);
    const serving = !zoneEnabled
      ? []
      : cross
        ? nodes
        : nodes.filter((n) => n.subnet.availabilityZone === zone);
    const base = { target, nodes: serving, zoneEnabled };
    if (!zoneEnabled) {
      out.push({
        ...base,
        healthy: false,
        healthyFrom: [],
        reason: `it is in ${zone}, a zone ${lb.name} has not enabled (no subnet there): it receives no traffic.`,
      });
      continue;
    }
    if (!target.running) {
      const lost = target.zoneDown && !cross;
      out.push({
        ...base,
        healthy: false,
        healthyFrom: [],
        reason: lost
          ? `${whyDown(target)}; with cross-zone off only ${lb.name}'s node in ${zone} sent to it, and that node is gone with the zone.`
          : `${whyDown(target)}.`,
      });
      continue;
    }
    const blocks = serving.map((node) => {
      const leg = nodeToTarget(c, lb, node, target, hc);
      const r = judge(c, [...leg.hops, ...leg.reply], hc);
      return { node, block: r.blockedAt ? r.why : null };
    });
    const healthyFrom = blocks.filter((b) => !b.block).map((b) => b.node);
    const failed = blocks.find((b) => b.block);
    const why = failed
      ? `health checks on TCP ${port} from ${failed.node.name} (${formatIp(failed.node.privateIp)}) fail: ${failed.block}`
      : '';
    out.push({
      ...base,
      healthy: healthyFrom.length > 0,
      healthyFrom,
      reason:
        healthyFrom.length === serving.length
          ? `health checks on TCP ${port} from ${serving.length > 1 ? `every node (${zoneWords(serving)})` : 'the balancer'} pass.`
          : healthyFrom.length > 0
            ? `healthy from ${zoneWords(healthyFrom)} only: ${why}`
            : why,
    });
  }
  return out;
}

/** Which targets each node sends to, and whether the balancer failed open. */
export function routes(
  nodes: readonly Iface[],
  health: readonly TargetHealth[],
): { readonly failOpen: boolean; readonly byNode: ReadonlyMap<Iface, readonly Iface[]> } {
  const eligible = health.filter((h) => h.zoneEnabled && h.target.running);
  // every target unhealthy in every enabled zone: the balancer routes to all of them (§10.4)
  const failOpen = eligible.length > 0 && eligible.every((h) => h.healthyFrom.length === 0);
  const byNode = new Map<Iface, Iface[]>();
  for (const node of nodes)
    byNode.set(
      node,
      eligible
        .filter((h) => h.nodes.includes(node) && (failOpen || h.healthyFrom.includes(node)))
        .map((h) => h.target),
    );
  return { failOpen, byNode };
}

/** The client's leg to one node, or why there is none. */
export function toNode(
  c: Compiled,
  client: Client,
  lb: LoadBalancer,
  entry: Iface,
  via?: Via,
): { src: Ip; leg: Leg } | string {
  if ('iface' in client) {
    const s = client.iface;
    if (s.vpcId !== entry.vpcId)
      return `${s.name} is in another VPC than ${lb.name}; SG Lab models no peering.`;
    if (via === 'ipv6') return `SG Lab models load balancers on IPv4 only.`;
    if (lb.scheme === 'internet-facing' && via !== 'private')
      return throughGateway(c, s, lb, entry);
    const acls = crossing(c, s.subnet, entry.subnet, s.privateIp, entry.privateIp, false);
    return {
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
  if (!entry.subnet.public || !entry.publicIp)
    return `${entry.name} is in ${entry.subnet.id}, a private subnet: the internet gateway has no route to it.`;
  return {
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

/**
 * An internet-facing balancer's name resolves to public addresses, for clients in its own VPC too:
 * out through the internet gateway from a public address, and the balancer's groups see that
 * address (§10.4).
 */
function throughGateway(
  c: Compiled,
  s: Iface,
  lb: LoadBalancer,
  entry: Iface,
): { src: Ip; leg: Leg } | string {
  const node = entry.publicIp;
  if (!s.subnet.public || !s.publicIp)
    return `${lb.name} is internet-facing: its name resolves to public addresses, even inside its VPC, so ${s.name} must go out through the internet gateway, and ${!s.subnet.public ? `${s.subnet.id} is a private subnet with no route to one` : `${s.name} has no public IPv4 address`}. Use an internal balancer for clients inside the VPC.`;
  if (!node)
    return `${entry.name} is in ${entry.subnet.id}, a private subnet: the internet gateway has no route to it.`;
  const acls = crossing(c, s.subnet, entry.subnet, s.publicIp, node, true);
  return {
    src: s.publicIp,
    leg: {
      hops: [
        { kind: 'interface', iface: s, direction: 'outbound', remote: node, publicPath: true },
        { kind: 'platform', iface: s, remote: node },
        ...acls.out,
        {
          kind: 'gateway',
          at: 'internet gateway',
          explain: () =>
            `${lb.name} is internet-facing: ${s.name} reaches its public address ${formatIp(node)} in ${entry.subnet.availabilityZone} out through the internet gateway, from its own public address ${formatIp(s.publicIp as Ip)}.`,
          where: { kind: 'gateway', id: INTERNET_GATEWAY },
        },
        ...acls.into,
        {
          kind: 'interface',
          iface: entry,
          direction: 'inbound',
          remote: s.publicIp,
          publicPath: true,
          stage: 'load-balancer',
        },
      ],
      reply: acls.reply,
    },
  };
}

/**
 * A leg's fate: delivered, or where it stops and why in the trace's words. The walk that writes
 * the words runs only for a leg that does not pass.
 */
function judge(
  c: Compiled,
  hops: readonly Hop[],
  pkt: Packet,
): { blockedAt?: BlockedAt; why: string } {
  if (passes(c, hops, pkt)) return { why: 'delivered, and the reply gets back.' };
  const t = new Trace();
  walk(c, t, hops, pkt);
  const denied = t.steps.find((st) => st.verdict === 'deny');
  return {
    blockedAt: t.blockedAt ?? 'route',
    why: denied?.explanation ?? 'the packet is dropped.',
  };
}

export function loadBalancerFlow(
  c: Compiled,
  t: Trace,
  client: Client,
  lb: LoadBalancer,
  pkt: Packet,
  flow: Flow,
  focus?: { readonly nodeSubnetId: string; readonly targetId: string },
): void {
  const nodes = [...(c.lbNodes.get(lb.id) ?? [])].sort(byZone);
  const at = lb.name;
  const here: StepLocation = { kind: 'load-balancer', id: lb.id };
  const lost = lostZones(c, lb);
  if (nodes.length === 0)
    return void t.deny(
      'route',
      at,
      'NO_ROUTE_TO_DESTINATION',
      lost.length > 0
        ? `Every zone ${lb.name} enables is down (${lost.join(', ')}): DNS returns no node, so nothing answers.`
        : `${lb.name} has no node in any subnet.`,
      here,
    );
  if (lost.length > 0)
    t.pass(
      at,
      'load-balancer',
      `${lost.join(' and ')} ${lost.length > 1 ? 'are' : 'is'} down: DNS no longer returns ${lb.name}'s node there, so clients reach it in ${zoneWords(nodes)} only.`,
      undefined,
      here,
    );
  const legs = nodes.map((node) => ({ node, reached: toNode(c, client, lb, node, flow.via) }));
  const reachable = legs.filter(
    (l): l is { node: Iface; reached: { src: Ip; leg: Leg } } => typeof l.reached !== 'string',
  );
  const first = reachable[0];
  if (!first) {
    const why = legs[0]?.reached;
    return void t.deny(
      'route',
      at,
      'NO_ROUTE_TO_DESTINATION',
      typeof why === 'string' ? why : '',
      here,
    );
  }
  if (pkt.protocol === 1) {
    walk(c, t, first.reached.leg.hops, pkt);
    if (!t.denied)
      t.pass(
        at,
        'load-balancer',
        `${lb.name} answers ping itself; ICMP is never forwarded to targets.`,
        undefined,
        here,
      );
    return void walk(c, t, [{ kind: 'response' }, ...first.reached.leg.reply], pkt);
  }
  const listener = lb.listeners.find(
    (l) => l.port === pkt.port && listenerProtocols(l).includes(pkt.protocol),
  );
  if (!listener) {
    walk(c, t, first.reached.leg.hops, pkt);
    const list = lb.listeners.map((l) => `${l.protocol} ${l.port}`).join(', ') || 'none';
    return void t.deny(
      'load-balancer',
      at,
      'ELB_LISTENER_PORT_RESTRICTION',
      `${lb.name} has no listener for ${packetLabel(pkt)} (listeners: ${list}).`,
      here,
    );
  }
  if (lb.type === 'network') t.throughNlb = true;
  const health = targetHealth(c, lb, listener);
  const { failOpen, byNode } = routes(nodes, health);
  const data: Packet = {
    protocol: pkt.protocol,
    port: listener.targetPort,
    sourcePort: pkt.sourcePort ?? DEFAULT_SOURCE_PORT,
  };
  const preserve = lb.type === 'network';
  const forward = (node: Iface, target: Iface, src: Ip) =>
    nodeToTarget(c, lb, node, target, data, preserve ? src : undefined);
  // every pair the balancer may use for this flow, judged on its own
  const pairs: Pair[] = [];
  for (const { node, reached } of legs) {
    if (typeof reached === 'string') {
      pairs.push({ node, target: null, allowed: false, blockedAt: 'route', why: reached });
      continue;
    }
    const targets = byNode.get(node) ?? [];
    if (targets.length === 0) {
      pairs.push({
        node,
        target: null,
        allowed: false,
        blockedAt: 'target',
        why: `no target is healthy from ${node.name}${crossZoneOf(lb) ? '' : ` (cross-zone is off: it sends only to targets in ${node.subnet.availabilityZone})`}.`,
      });
      continue;
    }
    for (const target of targets) {
      const leg = forward(node, target, reached.src);
      const r = judge(
        c,
        [
          ...reached.leg.hops,
          ...leg.hops,
          { kind: 'response' },
          ...leg.reply,
          ...reached.leg.reply,
        ],
        pkt,
      );
      pairs.push({
        node,
        target,
        allowed: r.blockedAt === undefined,
        ...(r.blockedAt ? { blockedAt: r.blockedAt } : {}),
        why: r.why,
      });
    }
  }
  t.pairs = pairs;
  if (health.length === 0 || pairs.every((p) => p.target === null && p.blockedAt === 'target')) {
    walk(c, t, first.reached.leg.hops, pkt);
    listenerStep(t, lb, listener, here);
    healthSteps(t, health);
    const why =
      health.length === 0
        ? `${lb.name} has no registered targets`
        : health.some((h) => h.zoneEnabled && h.target.running)
          ? `no node has a healthy target`
          : `none of ${lb.name}'s ${health.length} targets can take traffic`;
    return void t.deny(
      'target',
      lb.name,
      'ELB_NO_HEALTHY_TARGETS',
      `The request has nowhere to go: ${why}.`,
    );
  }
  // the path shown in full: the pair asked for, else the first that drops the flow, else the first
  const shown =
    pairs.find(
      (p) =>
        focus && p.node.subnet.id === focus.nodeSubnetId && (p.target?.id ?? '') === focus.targetId,
    ) ??
    pairs.find((p) => !p.allowed) ??
    (pairs[0] as Pair);
  const leg = legs.find((l) => l.node === shown.node)?.reached;
  if (typeof leg === 'string' || !leg)
    return void t.deny('route', at, 'NO_ROUTE_TO_DESTINATION', shown.why, here);
  walk(c, t, leg.leg.hops, pkt);
  listenerStep(t, lb, listener, here);
  healthSteps(t, health);
  if (failOpen)
    t.pass(
      lb.name,
      'load-balancer',
      `Every target is unhealthy from every node: ${lb.name} fails open and routes to all of them as if healthy.`,
      undefined,
      here,
    );
  if (!shown.target)
    t.deny(
      'target',
      lb.name,
      'ELB_NO_HEALTHY_TARGETS',
      `Requests that reach ${shown.node.name} go nowhere: ${shown.why}`,
      here,
    );
  else {
    const target = shown.target;
    t.pass(
      lb.name,
      'load-balancer',
      `${pairs.length > 1 ? `One of ${pairs.length} pairs the balancer may use: ` : ''}${shown.node.name} sends the request to ${target.name} in ${target.subnet.availabilityZone}${preserve ? `, keeping the client's address ${formatIp(leg.src)} (client IP preservation)` : ` from its node address ${formatIp(shown.node.privateIp)}`}.`,
      undefined,
      here,
    );
    const f = forward(shown.node, target, leg.src);
    walk(c, t, [...f.hops, { kind: 'response' }, ...f.reply, ...leg.leg.reply], pkt);
  }
  pairSteps(t, lb, pkt, pairs, here);
}

function listenerStep(t: Trace, lb: LoadBalancer, l: Listener, here: StepLocation): void {
  t.pass(
    lb.name,
    'load-balancer',
    `Listener ${l.protocol} ${l.port} forwards to targets on port ${l.targetPort}.`,
    undefined,
    here,
  );
}

function healthSteps(t: Trace, health: readonly TargetHealth[]): void {
  for (const h of health)
    t.add({
      at: `${h.target.id} health`,
      where: locationOf(h.target, 'inbound'),
      kind: 'health',
      verdict: h.healthy ? 'allow' : 'deny',
      matchedRules: [],
      explanation: `${h.target.name} (${h.target.subnet.availabilityZone}) is ${h.healthy ? (h.healthyFrom.length < h.nodes.length ? 'healthy from some nodes' : 'healthy') : 'unhealthy'}: ${h.reason}`,
      ...(h.healthy ? {} : { code: 'BAD_STATE' as const }),
    });
}

/** Every pair with ✓ or ✗, then the count: "1 of 2 pairs drops HTTPS: requests fail intermittently". */
function pairSteps(
  t: Trace,
  lb: LoadBalancer,
  pkt: Packet,
  pairs: readonly Pair[],
  here: StepLocation,
): void {
  if (pairs.length < 2) return;
  for (const p of pairs)
    t.add({
      at: `${lb.name}: ${p.node.subnet.availabilityZone} → ${p.target?.name ?? 'no target'}`,
      where: here,
      kind: 'pair',
      verdict: p.allowed ? 'allow' : 'deny',
      matchedRules: [],
      explanation: `${p.node.name} → ${p.target ? `${p.target.name} (${p.target.subnet.availabilityZone})` : 'no target'}: ${p.why}`,
    });
  const failing = pairs.filter((p) => !p.allowed).length;
  const what = packetLabel(pkt);
  // the path walked may be a pair that delivers: the flow is still denied when another does not
  const first = pairs.find((p) => !p.allowed);
  t.add(
    {
      at: lb.name,
      where: here,
      kind: 'pair',
      verdict: failing === 0 ? 'allow' : 'deny',
      matchedRules: [],
      explanation:
        failing === 0
          ? `All ${pairs.length} (node, target) pairs ${lb.name} may use deliver ${what}, whichever node the client reaches and whichever target it picks.`
          : `${failing} of ${pairs.length} (node, target) pairs drop ${what}: requests fail intermittently, depending on the node the client reaches and the target the balancer picks.`,
    },
    first?.blockedAt,
  );
}
