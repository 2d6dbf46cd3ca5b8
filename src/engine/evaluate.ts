/** evaluateFlow: one flow's fate, step by step, as AWS would decide it (aws-semantics.md §4, §5, §11). */
import { formatIp, type Flow, type FlowVerdict, type Ip, type Via } from '../model';
import { compile, type Compiled, type Iface } from './compile';
import { loadBalancerFlow } from './lb-path';
import type { Packet } from './match';
import { packetOf } from './packet';
import { endpointName, resolveEndpoint, type Endpoint } from './resolve';
import { Trace } from './trace';
import { pathBetween, pathFromOutside, pathToOutside, walk, whyDown } from './path';

export interface FlowDetail {
  readonly verdict: FlowVerdict;
  readonly trace: Trace;
  readonly packet: Packet | null;
}

/** The verdict of one flow, with its trace (scenario-format.md). */
export function evaluateFlow(scenario: Parameters<typeof compile>[0], flow: Flow): FlowVerdict {
  return evaluateDetail(compile(scenario), flow).verdict;
}

/** A flow to a balancer: the (node, target) pair whose path the trace walks in full. */
export interface PairFocus {
  readonly nodeSubnetId: string;
  readonly targetId: string;
}

export function evaluateDetail(c: Compiled, flow: Flow, focus?: PairFocus): FlowDetail {
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
  if (!t.denied) route(c, t, from, to, pkt, flow, focus);
  return { verdict: t.verdict(), trace: t, packet: pkt };
}

function route(
  c: Compiled,
  t: Trace,
  from: Endpoint,
  to: Endpoint,
  pkt: Packet,
  flow: Flow,
  focus?: PairFocus,
): void {
  if (from.kind === 'iface') {
    if (!from.iface.running)
      t.deny(
        'source-state',
        from.iface.id,
        'BAD_STATE',
        from.iface.zoneDown
          ? `${whyDown(from.iface)}: it sends nothing.`
          : `${endpointName(from)} is stopped: a stopped instance sends nothing.`,
      );
    if (to.kind === 'exempt') {
      t.pass(
        to.name,
        'route',
        `${formatIp(to.ip)} is ${to.name}: security groups never filter this traffic.`,
        'NOT_FILTERED',
      );
    } else if (to.kind === 'iface') betweenInterfaces(c, t, from.iface, to, pkt, flow);
    else if (to.kind === 'outside') walk(c, t, pathToOutside(c, from.iface, to.ip, to.name), pkt);
    else if (to.kind === 'lb')
      loadBalancerFlow(c, t, { iface: from.iface }, to.lb, pkt, flow, focus);
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
      loadBalancerFlow(
        c,
        t,
        { outside: { ip: from.ip, name: from.name } },
        to.lb,
        pkt,
        flow,
        focus,
      );
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
  walk(c, t, pathBetween(c, s, d, via), pkt);
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
  const via: Via = flow.via ?? to.via ?? (ip.family === 6 ? 'ipv6' : 'public');
  walk(c, t, pathFromOutside(c, ip, name, to.iface, via), pkt);
}
