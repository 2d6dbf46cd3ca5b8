/** A security check on the path, recorded in the trace and, when it passes, as a leg for tracking. */
import type { Direction, Ip } from '../model';
import { checkInterface } from './check';
import type { Compiled, Iface } from './compile';
import type { Packet } from './match';
import type { Trace } from './trace';
import { trackingAt } from './tracking';

export function egress(
  c: Compiled,
  t: Trace,
  s: Iface,
  pkt: Packet,
  remote: Ip,
  publicPath: boolean,
  stage: 'egress' | 'load-balancer' = 'egress',
): boolean {
  return checkLeg(c, t, s, 'outbound', pkt, remote, publicPath, stage);
}

export function ingress(
  c: Compiled,
  t: Trace,
  d: Iface,
  pkt: Packet,
  remote: Ip,
  publicPath: boolean,
  stage: 'ingress' | 'load-balancer' = 'ingress',
  override?: ReadonlySet<string>,
): boolean {
  return checkLeg(c, t, d, 'inbound', pkt, remote, publicPath, stage, override);
}

function checkLeg(
  c: Compiled,
  t: Trace,
  iface: Iface,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
  publicPath: boolean,
  stage: 'egress' | 'ingress' | 'load-balancer',
  override?: ReadonlySet<string>,
): boolean {
  const r = checkInterface(c, iface, direction, pkt, remote, {
    publicPath,
    ...(override ? { override } : {}),
  });
  t.add(r.step, stage);
  if (r.allowed) {
    t.legs.push({
      iface,
      direction,
      admittedBy: r.matched,
      family: remote.family,
      remote,
      tracking: trackingAt(c, iface, direction, r.matched, pkt.protocol, remote.family),
    });
  }
  return r.allowed;
}
