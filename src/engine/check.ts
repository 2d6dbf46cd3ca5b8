/** One security-group check at one interface: allowed by which rules, or the nearest miss. */
import {
  formatIp,
  protocolLabel,
  type Direction,
  type Ip,
  type NearestMiss,
  type RuleRef,
  type StepLocation,
  type TraceStep,
} from '../model';
import { rulesOf, type Compiled, type CompiledRule, type Iface } from './compile';
import {
  describeRule,
  matchFields,
  matchesAll,
  missReason,
  ruleMatches,
  type GroupOverride,
  type Packet,
  type PeerContext,
} from './match';

/** A matched rule as a trace step names it: its filter, its group, its id. */
export const ruleRef = (r: Pick<CompiledRule, 'groupId' | 'ruleId'>): RuleRef => ({
  filter: 'security-group',
  ownerId: r.groupId,
  groupId: r.groupId,
  ruleId: r.ruleId,
});

export interface CheckResult {
  readonly allowed: boolean;
  readonly matched: readonly CompiledRule[];
  readonly step: TraceStep;
}

export interface CheckOptions {
  /** The packet crossed the internet gateway: group references cannot match its addresses. */
  readonly publicPath?: boolean;
  readonly override?: GroupOverride;
}

/** An interface as a step's location: its owner (an instance or a balancer), its subnet. */
export function locationOf(iface: Iface, direction: Direction): StepLocation {
  const id = iface.owner.kind === 'instance' ? iface.owner.instance.id : iface.owner.lb.id;
  return { kind: 'interface', id, subnetId: iface.subnet.id, direction };
}

export function packetLabel(pkt: Packet): string {
  const proto = protocolLabel(String(pkt.protocol));
  if (pkt.protocol === 6 || pkt.protocol === 17) return `${proto} ${pkt.port ?? '?'}`;
  if (pkt.protocol === 1 || pkt.protocol === 58)
    return `${proto} type ${pkt.icmpType ?? '?'} code ${pkt.icmpCode ?? '?'}`;
  return `protocol ${proto}`;
}

const FIELD_ORDER = ['peer', 'port', 'protocol'] as const;

function nearestMiss(
  rules: readonly CompiledRule[],
  ctx: PeerContext,
  pkt: Packet,
  remote: Ip,
): NearestMiss | undefined {
  let best: { rule: CompiledRule; field: (typeof FIELD_ORDER)[number] } | undefined;
  for (const rule of rules) {
    const m = matchFields(rule, pkt, remote, ctx);
    const failed = FIELD_ORDER.filter((f) => !m[f]);
    if (failed.length !== 1) continue;
    const field = failed[0] as (typeof FIELD_ORDER)[number];
    if (!best || FIELD_ORDER.indexOf(field) < FIELD_ORDER.indexOf(best.field))
      best = { rule, field };
  }
  if (!best) return undefined;
  const { rule, field } = best;
  return {
    groupId: rule.groupId,
    ruleId: rule.ruleId,
    field,
    explanation: `${describeRule(rule)} (${rule.groupId}) would match, but ${missReason(rule, field, pkt, remote, ctx.publicPath ?? false)}.`,
  };
}

/** One context for every rule of a check: only the fields matching reads (the options may be a whole hop). */
const peerContext = (c: Compiled, opts: CheckOptions): PeerContext => ({
  members: c.members,
  publicPath: opts.publicPath,
  override: opts.override,
});

/**
 * checkInterface's verdict without its words (no step, no nearest miss): what a path asks of
 * every hop when only the verdict counts — the badges, health checks, a balancer's pairs.
 */
export function interfaceAdmits(
  c: Compiled,
  iface: Iface,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
  opts: CheckOptions = {},
): boolean {
  if (iface.groupIds.length === 0) return true;
  const ctx = peerContext(c, opts);
  for (const gid of iface.groupIds) {
    const g = c.groups.get(gid);
    if (g) for (const r of g[direction]) if (ruleMatches(r, pkt, remote, ctx)) return true;
  }
  return false;
}

/** Checks the packet against the union of the interface's groups in one direction (§4.1). */
export function checkInterface(
  c: Compiled,
  iface: Iface,
  direction: Direction,
  pkt: Packet,
  remote: Ip,
  opts: CheckOptions = {},
): CheckResult {
  const at = `${iface.id} ${direction === 'inbound' ? 'ingress' : 'egress'}`;
  const where = locationOf(iface, direction);
  const kind = direction === 'inbound' ? 'ingress' : 'egress';
  const addr = formatIp(remote);
  const toFrom = direction === 'inbound' ? 'from' : 'to';
  if (iface.groupIds.length === 0) {
    const step: TraceStep = {
      at,
      where,
      kind,
      verdict: 'allow',
      matchedRules: [],
      remoteAddress: addr,
      explanation: `${iface.name} has no security groups, so nothing is filtered here.`,
    };
    return { allowed: true, matched: [], step };
  }
  const rules = rulesOf(c, iface, direction);
  const ctx = peerContext(c, opts);
  const matched = rules.filter((r) => matchesAll(matchFields(r, pkt, remote, ctx)));
  const groups = iface.groupIds.join(', ');
  const what = `${packetLabel(pkt)} ${toFrom} ${addr}`;
  if (matched.length > 0) {
    const first = matched[0] as CompiledRule;
    const more =
      matched.length > 1
        ? ` and ${matched.length - 1} more rule${matched.length > 2 ? 's' : ''}`
        : '';
    return {
      allowed: true,
      matched,
      step: {
        at,
        where,
        kind,
        verdict: 'allow',
        code: 'RULE_MATCH',
        remoteAddress: addr,
        matchedRules: matched.map(ruleRef),
        explanation: `${what} is allowed by ${first.groupId} ${direction} rule ${first.ruleId} (${describeRule(first)})${more}.`,
      },
    };
  }
  const denied = (
    code: 'SG_HAS_NO_RULES' | 'ENI_SG_RULES_MISMATCH',
    explanation: string,
    miss?: NearestMiss,
  ): CheckResult => ({
    allowed: false,
    matched,
    step: {
      at,
      where,
      kind,
      verdict: 'deny',
      code,
      remoteAddress: addr,
      matchedRules: [],
      explanation,
      ...(miss ? { nearestMiss: miss } : {}),
    },
  });
  if (rules.length === 0) {
    return denied(
      'SG_HAS_NO_RULES',
      `${what} is denied: ${groups} ${iface.groupIds.length > 1 ? 'have' : 'has'} no ${direction} rules, so ${direction === 'inbound' ? 'no new connection gets in' : 'no new connection can leave'}.`,
    );
  }
  const miss = nearestMiss(rules, ctx, pkt, remote);
  return denied(
    'ENI_SG_RULES_MISMATCH',
    // the nearest miss travels as its own field (the trace shows it once, under the sentence)
    `${what} is denied: none of the ${rules.length} ${direction} rules of ${groups} allows it.`,
    miss,
  );
}
