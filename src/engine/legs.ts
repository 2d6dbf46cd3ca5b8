/** A security check on the path, recorded in the trace and, when it passes, as a leg for tracking. */
import type { Direction, Ip } from '../model';
import { checkInterface } from './check';
import type { Compiled, Iface } from './compile';
import type { GroupOverride, Packet } from './match';
import type { Trace } from './trace';
import { trackingAt } from './tracking';

export interface LegOptions {
  readonly publicPath: boolean;
  /** a load balancer's node: a denial here blocks at the balancer */
  readonly stage?: 'load-balancer';
  readonly override?: GroupOverride;
}

export function checkLeg(
  c: Compiled,
  t: Trace,
  iface: Iface,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
  opts: LegOptions,
): boolean {
  const r = checkInterface(c, iface, direction, pkt, remote, opts);
  t.add(r.step, opts.stage ?? (direction === 'outbound' ? 'egress' : 'ingress'));
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
