/**
 * A one-click fix for a denied flow, where it was first refused: at an interface, the smallest
 * rule that would admit exactly this packet (adding never takes access away; when a rule almost
 * matched, the fix keeps everything of it but the field that failed); at a subnet's boundary, an
 * ACL entry (fix-acl.ts).
 */
import {
  addNaclEntry,
  addRule,
  formatIp,
  normaliseProtocol,
  parseIp,
  type Direction,
  type EditResult,
  type Flow,
  type Rule,
  type Scenario,
} from '../model';
import { compile, compileGroup } from './compile';
import { describeRule } from './match';
import { evaluateDetail } from './evaluate';
import { aclFix, type AclFix } from './fix-acl';

export type SuggestedFix = RuleFix | AclFix;

export interface RuleFix {
  readonly kind: 'rule';
  readonly groupId: string;
  readonly direction: Direction;
  readonly rule: Rule;
  /** "Add HTTPS 443 from 203.0.113.7/32 to sg-web inbound". */
  readonly label: string;
}

/** The fix as an edit of the scenario. */
export function applyFix(s: Scenario, fix: SuggestedFix): EditResult<unknown> {
  return fix.kind === 'rule'
    ? addRule(s, fix.groupId, fix.direction, fix.rule)
    : addNaclEntry(s, fix.aclId, fix.direction, fix.entry);
}

export function suggestFix(s: Scenario, flow: Flow): SuggestedFix | null {
  const c = compile(s);
  const { verdict, packet } = evaluateDetail(c, flow);
  if (verdict.allowed || !packet) return null;
  // the first blocker: what stops the packet before anything else can
  const first = verdict.steps.find((st) => st.verdict === 'deny' && st.reached !== false);
  if (first?.code === 'SUBNET_ACL_RESTRICTION') return aclFix(c, first);
  const step =
    first?.code === 'ENI_SG_RULES_MISMATCH' || first?.code === 'SG_HAS_NO_RULES'
      ? first
      : undefined;
  const where = step?.where;
  if (!step?.remoteAddress || where?.kind !== 'interface' || !where.direction) return null;
  const direction: Direction = where.direction;
  const iface = c.interfaces.find(
    (i) =>
      i.subnet.id === where.subnetId &&
      (i.owner.kind === 'instance' ? i.owner.instance.id : i.owner.lb.id) === where.id,
  );
  const remote = parseIp(step.remoteAddress);
  if (!remote) return null;
  const cidr = `${formatIp(remote)}/${remote.family === 4 ? 32 : 128}`;
  const peer = remote.family === 4 ? { cidrIpv4: cidr } : { cidrIpv6: cidr };
  const protocol = normaliseProtocol(String(packet.protocol));
  const ports =
    packet.protocol === 6 || packet.protocol === 17
      ? { fromPort: packet.port ?? 0, toPort: packet.port ?? 0 }
      : packet.protocol === 1 || packet.protocol === 58
        ? { fromPort: packet.icmpType ?? -1, toPort: -1 }
        : {};
  let rule: Rule = { protocol, ...ports, ...peer, description: 'Added by SG Lab to allow a flow' };
  let groupId = iface?.groupIds[0];
  const miss = step.nearestMiss;
  if (miss) {
    const near = c.groups.get(miss.groupId)?.[direction].find((r) => r.ruleId === miss.ruleId);
    if (near) {
      groupId = miss.groupId;
      const { id: _id, description: _d, ...base } = near.rule;
      if (miss.field === 'peer') {
        const {
          cidrIpv4: _a,
          cidrIpv6: _b,
          referencedGroupId: _c,
          prefixListId: _p,
          ...rest
        } = base;
        rule = { ...rest, ...peer };
      } else if (miss.field === 'port') rule = { ...base, ...ports };
      else rule = { ...base, protocol, ...ports };
    }
  }
  if (!groupId) return null;
  // compiled on its own, only to be described in the console's words
  const alone = compileGroup(
    {
      id: groupId,
      name: '',
      description: '',
      vpcId: '',
      inbound: [],
      outbound: [],
      [direction]: [rule],
    },
    s.prefixLists,
  )[direction][0];
  const what = alone ? describeRule(alone) : `${protocol} ${cidr}`;
  return {
    kind: 'rule',
    groupId,
    direction,
    rule,
    label: `Add “${what}” to ${groupId} ${direction}`,
  };
}
