/** evaluateFlow: one flow's fate, step by step, as AWS would decide it (aws-semantics.md §4, §5, §11). */
import {
  formatIp,
  INTERNET_GATEWAY,
  type Flow,
  type FlowVerdict,
  type Ip,
  type Via,
} from '../model';
import { compile, type Compiled, type Iface } from './compile';
import { loadBalancerFlow } from './lb-path';
import type { Packet } from './match';
import { packetOf } from './packet';
import { endpointName, resolveEndpoint, type Endpoint } from './resolve';
import { Trace } from './trace';
import { egress, ingress } from './legs';

export interface FlowDetail {
  readonly verdict: FlowVerdict;
  readonly trace: Trace;
  readonly packet: Packet | null;
}

/** The verdict of one flow, with its trace (scenario-format.md). */
export function evaluateFlow(scenario: Parameters<typeof compile>[0], flow: Flow): FlowVerdict {
  return evaluateDetail(compile(scenario), flow).verdict;
}

export function evaluateDetail(c: Compiled, flow: Flow): FlowDetail {
  const t = new Trace();
  const pkt = packetOf(flow);
  if (typeof pkt === 'string') {
    t.deny('route', 'flow', 'UNKNOWN_ENDPOINT', pkt);
    return { verdict: t.verdict(), trace: t, packet: null };
  }
  const from = resolveEndpoint(c, flow.from);
  const to = resolveEndpoint(c, flow.to);
  for (const [e, ref] of [
    [from, flow.from],
    [to, flow.to],
  ] as const) {
    if (e.kind === 'unknown') {
      t.deny(
        'route',
        ref,
        'UNKNOWN_ENDPOINT',
        `Nothing in this scenario is called "${ref}", and it is not an IP address.`,
      );
    }
  }
  if (!t.denied) route(c, t, from, to, pkt, flow);
  if (!t.denied) respond(t, pkt);
  return { verdict: t.verdict(), trace: t, packet: pkt };
}

function route(c: Compiled, t: Trace, from: Endpoint, to: Endpoint, pkt: Packet, flow: Flow): void {
  if (from.kind === 'iface') {
    if (!from.iface.running)
      t.deny(
        'source-state',
        from.iface.id,
        'BAD_STATE',
        `${endpointName(from)} is stopped: a stopped instance sends nothing.`,
      );
    if (to.kind === 'exempt') {
      t.pass(
        to.name,
        'route',
        `${formatIp(to.ip)} is ${to.name}: security groups never filter this traffic.`,
        'NOT_FILTERED',
      );
    } else if (to.kind === 'iface') betweenInterfaces(c, t, from.iface, to, pkt, flow);
    else if (to.kind === 'outside') toOutside(c, t, from.iface, to.ip, to.name, pkt);
    else if (to.kind === 'lb') loadBalancerFlow(c, t, { iface: from.iface }, to.lb, pkt, flow);
    else if (to.kind === 'vpc-address')
      t.deny(
        'route',
        formatIp(to.ip),
        'NO_ROUTE_TO_DESTINATION',
        `No interface in ${to.vpcId} has the address ${formatIp(to.ip)}.`,
      );
    return;
  }
  if (from.kind === 'outside') {
    if (to.kind === 'iface') fromOutside(c, t, from.ip, from.name, to, pkt, flow);
    else if (to.kind === 'lb')
      loadBalancerFlow(c, t, { outside: { ip: from.ip, name: from.name } }, to.lb, pkt, flow);
    else if (to.kind === 'outside')
      t.pass(
        'internet',
        'route',
        'Both ends are outside every VPC: no security group is on this path.',
        'NOT_FILTERED',
      );
    else
      t.deny(
        'route',
        endpointName(to),
        'NO_ROUTE_TO_DESTINATION',
        `${endpointName(to)} cannot be reached from outside the VPC.`,
      );
    return;
  }
  const what =
    from.kind === 'lb'
      ? `${from.lb.name} is a load balancer: it only forwards traffic sent to it`
      : `${endpointName(from)} does not send traffic of its own`;
  t.deny(
    'route',
    endpointName(from),
    'UNKNOWN_ENDPOINT',
    `${what}. Send the flow from a client instead.`,
  );
}

/** Addresses on the packet at each end, per path (scenario-format.md "Which address a flow uses"). */
function pathAddresses(t: Trace, s: Iface, d: Iface, via: Via): { src: Ip; dst: Ip } | null {
  const internet = (i: Iface, role: string): boolean => {
    if (i.subnet.public) return true;
    t.deny(
      'route',
      i.subnet.id,
      'NO_ROUTE_TO_DESTINATION',
      `${role} ${i.name} is in ${i.subnet.id}, a private subnet with no route to an internet gateway.`,
    );
    return false;
  };
  if (via === 'private') {
    if (s.vpcId === d.vpcId) return { src: s.privateIp, dst: d.privateIp };
    t.deny(
      'route',
      d.id,
      'NO_ROUTE_TO_DESTINATION',
      `${s.name} (${s.vpcId}) and ${d.name} (${d.vpcId}) are in different VPCs; without a peering connection private addresses do not route. Use the public or IPv6 path.`,
    );
    return null;
  }
  if (via === 'ipv6') {
    for (const [i, role] of [
      [s, 'The sender'],
      [d, 'The receiver'],
    ] as const) {
      if (!i.ipv6)
        return (
          void t.deny(
            'route',
            i.id,
            'NO_ROUTE_TO_DESTINATION',
            `${role} ${i.name} has no IPv6 address.`,
          ),
          null
        );
    }
    if (s.vpcId !== d.vpcId && !(internet(s, 'The sender') && internet(d, 'The receiver')))
      return null;
    return { src: s.ipv6 as Ip, dst: d.ipv6 as Ip };
  }
  if (!internet(s, 'The sender') || !internet(d, 'The receiver')) return null;
  for (const [i, role] of [
    [s, 'The sender'],
    [d, 'The receiver'],
  ] as const) {
    if (!i.publicIp)
      return (
        void t.deny(
          'route',
          i.id,
          'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
          `${role} ${i.name} has no public IPv4 address, so the public path through the internet gateway does not exist.`,
        ),
        null
      );
  }
  return { src: s.publicIp as Ip, dst: d.publicIp as Ip };
}

function betweenInterfaces(
  c: Compiled,
  t: Trace,
  s: Iface,
  to: Endpoint & { kind: 'iface' },
  pkt: Packet,
  flow: Flow,
): void {
  const d = to.iface;
  if (s === d) {
    t.pass(
      s.id,
      'route',
      `${s.name} is talking to itself: that traffic never leaves the instance, so no security group filters it.`,
      'NOT_FILTERED',
    );
    return;
  }
  const via: Via = flow.via ?? to.via ?? (s.vpcId === d.vpcId ? 'private' : 'public');
  const addrs = pathAddresses(t, s, d, via);
  if (!addrs) return;
  const publicPath = via === 'public';
  egress(c, t, s, pkt, addrs.dst, publicPath);
  t.pass(
    publicPath ? 'internet gateway' : `${s.vpcId} local route`,
    'route',
    publicPath
      ? `The packet leaves through the internet gateway and comes back in: ${d.name} sees it from ${formatIp(addrs.src)}, ${s.name}'s public address.`
      : `The VPC's local route delivers ${formatIp(addrs.src)} → ${formatIp(addrs.dst)} directly.`,
    undefined,
    { kind: 'gateway', id: publicPath ? INTERNET_GATEWAY : s.vpcId },
  );
  ingress(c, t, d, pkt, addrs.src, publicPath);
  if (!d.running)
    t.deny('target', d.id, 'BAD_STATE', `${d.name} is stopped: nothing receives the packet.`);
}

function toOutside(c: Compiled, t: Trace, s: Iface, ip: Ip, name: string, pkt: Packet): void {
  egress(c, t, s, pkt, ip, true);
  if (!s.subnet.public) {
    t.deny(
      'route',
      s.subnet.id,
      'NO_ROUTE_TO_DESTINATION',
      `${s.name} is in ${s.subnet.id}, a private subnet with no route to an internet gateway, so ${name} is unreachable.`,
    );
  } else if (ip.family === 4 && !s.publicIp) {
    t.deny(
      'route',
      s.id,
      'NO_ROUTE_TO_DESTINATION',
      `${s.name} has no public IPv4 address, so its packets cannot reach the internet (SG Lab models no NAT gateway).`,
    );
  } else if (ip.family === 6 && !s.ipv6) {
    t.deny(
      'route',
      s.id,
      'NO_ROUTE_TO_DESTINATION',
      `${s.name} has no IPv6 address, so it cannot reach ${formatIp(ip)}.`,
    );
  } else {
    const own = ip.family === 4 ? (s.publicIp as Ip) : (s.ipv6 as Ip);
    t.pass(
      'internet gateway',
      'route',
      `The packet leaves through the internet gateway as ${formatIp(own)} → ${formatIp(ip)}; nothing outside the VPC is filtered by security groups.`,
      undefined,
      { kind: 'gateway', id: INTERNET_GATEWAY, direction: 'outbound' },
    );
  }
}

function fromOutside(
  c: Compiled,
  t: Trace,
  ip: Ip,
  name: string,
  to: Endpoint & { kind: 'iface' },
  pkt: Packet,
  flow: Flow,
): void {
  const d = to.iface;
  const via: Via = flow.via ?? to.via ?? (ip.family === 6 ? 'ipv6' : 'public');
  const fail = (
    code: 'NO_ROUTE_TO_DESTINATION' | 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
    why: string,
  ) => void t.deny('route', d.id, code, why);
  if (via === 'private')
    return fail(
      'NO_ROUTE_TO_DESTINATION',
      `${name} is outside the VPC: it cannot reach ${d.name}'s private address.`,
    );
  if (via === 'ipv6' && ip.family !== 6)
    return fail('NO_ROUTE_TO_DESTINATION', `${name} has no IPv6 address (${formatIp(ip)}).`);
  if (via === 'public' && ip.family !== 4)
    return fail('NO_ROUTE_TO_DESTINATION', `${name} has an IPv6 address: send over IPv6.`);
  if (!d.subnet.public)
    return fail(
      'NO_ROUTE_TO_DESTINATION',
      `${d.name} is in ${d.subnet.id}, a private subnet: the internet gateway has no route to it.`,
    );
  if (via === 'ipv6' && !d.ipv6)
    return fail('NO_ROUTE_TO_DESTINATION', `${d.name} has no IPv6 address.`);
  if (via === 'public' && !d.publicIp)
    return fail(
      'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
      `${d.name} has no public IPv4 address, so the internet gateway has nothing to translate to its private address.`,
    );
  const dst = via === 'ipv6' ? (d.ipv6 as Ip) : (d.publicIp as Ip);
  t.pass(
    'internet gateway',
    'route',
    via === 'ipv6'
      ? `The packet from ${formatIp(ip)} enters through the internet gateway to ${formatIp(dst)}.`
      : `The internet gateway translates ${formatIp(dst)} to ${d.name}'s private address ${formatIp(d.privateIp)}; the source stays ${formatIp(ip)}.`,
    undefined,
    { kind: 'gateway', id: INTERNET_GATEWAY, direction: 'inbound' },
  );
  ingress(c, t, d, pkt, ip, true);
  if (!d.running)
    t.deny('target', d.id, 'BAD_STATE', `${d.name} is stopped: nothing receives the packet.`);
}

/** The response leg: stateful unless the flow is untracked at an interface (§5.1, §5.2). */
function respond(t: Trace, pkt: Packet): void {
  if (t.legs.length === 0) return;
  const parts: string[] = [];
  let untracked = false;
  for (const leg of t.legs) {
    const back = leg.direction === 'inbound' ? 'leaves' : 'enters';
    if (t.throughNlb || leg.tracking.tracked) {
      parts.push(
        `${back} ${leg.iface.name} as part of a tracked connection (no ${leg.direction === 'inbound' ? 'outbound' : 'inbound'} rule needed)`,
      );
    } else {
      untracked = true;
      const r = leg.tracking.reverseRule;
      parts.push(
        `${back} ${leg.iface.name} by ${r ? `${r.groupId} rule ${r.ruleId}` : 'the reverse rule'} (untracked: both directions are open to ${leg.family === 4 ? '0.0.0.0/0' : '::/0'})`,
      );
    }
  }
  const unique = [...new Set(parts)];
  t.add({
    at: 'response',
    kind: 'response',
    verdict: 'allow',
    matchedRules: t.legs.flatMap((l) =>
      !t.throughNlb && !l.tracking.tracked && l.tracking.reverseRule
        ? [{ groupId: l.tracking.reverseRule.groupId, ruleId: l.tracking.reverseRule.ruleId }]
        : [],
    ),
    code: untracked ? 'UNTRACKED_RESPONSE' : 'STATEFUL_RESPONSE',
    explanation: `${untracked ? 'Allowed by the reverse rule (untracked)' : 'Allowed: stateful (tracked connection)'}. The response ${unique.join('; it ')}.${pkt.protocol === 1 || pkt.protocol === 58 ? ' ICMP is always tracked.' : ''}`,
  });
}
