/**
 * Tracked or untracked (aws-semantics.md §5.2): a TCP/UDP flow admitted by a 0.0.0.0/0 or ::/0
 * rule, on an interface whose other direction has a /0 rule of the same family for all ports of
 * that protocol, is untracked; everything else is tracked. [J] When a /0 rule and a narrower rule
 * both admit the flow, the /0 rule decides ("most permissive").
 */
import type { Direction, Family } from '../model';
import { rulesOf, type Compiled, type CompiledRule, type Iface } from './compile';

export interface TrackingDecision {
  readonly tracked: boolean;
  /** The reverse-direction rule that admits responses of an untracked flow. */
  readonly reverseRule?: CompiledRule;
}

const anywhereOf = (r: CompiledRule, family: Family): boolean =>
  r.anywhere && r.peer.kind === 'cidr' && r.peer.cidr.family === family;

export function trackingAt(
  c: Compiled,
  iface: Iface,
  admittedIn: Direction,
  admittedBy: readonly CompiledRule[],
  protocol: number,
  family: Family,
): TrackingDecision {
  if (protocol !== 6 && protocol !== 17) return { tracked: true };
  if (iface.groupIds.length === 0) return { tracked: true };
  if (!admittedBy.some((r) => anywhereOf(r, family))) return { tracked: true };
  const reverse: Direction = admittedIn === 'inbound' ? 'outbound' : 'inbound';
  const reverseRule = rulesOf(c, iface, reverse).find(
    (r) =>
      anywhereOf(r, family) &&
      (r.protocol === -1 || (r.protocol === protocol && r.from === 0 && r.to === 65535)),
  );
  return reverseRule ? { tracked: false, reverseRule } : { tracked: true };
}
