/**
 * The security groups' part of the reply (aws-semantics.md §5.1, §5.2): every interface the request
 * passed lets the response back, by connection tracking or, for an untracked flow, by the reverse
 * rule. Network ACLs judge the reply separately, as hops of their own.
 */
import { ruleRef } from './check';
import type { Packet } from './match';
import type { Trace } from './trace';

/** The response leg: stateful unless the flow is untracked at an interface (§5.1, §5.2). */
export function respond(t: Trace, pkt: Packet): void {
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
        ? [ruleRef(l.tracking.reverseRule)]
        : [],
    ),
    code: untracked ? 'UNTRACKED_RESPONSE' : 'STATEFUL_RESPONSE',
    explanation: `${untracked ? 'Allowed by the reverse rule (untracked)' : 'Allowed: stateful (tracked connection)'}. The response ${unique.join('; it ')}.${pkt.protocol === 1 || pkt.protocol === 58 ? ' ICMP is always tracked.' : ''}`,
  });
}
