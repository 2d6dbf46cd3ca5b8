/** Group-level findings: unused groups, a default group with rules, groups near the rules quota. */
import {
  groupsReferencedBy,
  isDefaultGroup,
  QUOTAS,
  ruleQuotaUse,
  type Direction,
  type Finding,
  type Scenario,
  type SecurityGroup,
} from '../../model';
import { joinWords } from './names';

/** Warn from this share of the quota on. */
const NEAR = 0.8;

/** Groups something uses: attached to an instance or load balancer, or referenced by another group. */
/** The groups some instance carries, per instance list: a rule edit keeps the list. */
const attached = new WeakMap<Scenario['instances'], ReadonlySet<string>>();

export function usedGroups(s: Scenario): Set<string> {
  let carried = attached.get(s.instances);
  if (!carried) {
    const found = new Set<string>();
    for (const i of s.instances) for (const g of i.securityGroupIds) found.add(g);
    attached.set(s.instances, (carried = found));
  }
  const used = new Set(carried);
  for (const lb of s.loadBalancers ?? []) for (const g of lb.securityGroupIds) used.add(g);
  for (const g of s.securityGroups) for (const id of groupsReferencedBy(g)) used.add(id);
  return used;
}

export function hygiene(
  s: Scenario,
  group: SecurityGroup,
  groupIndex: number,
  used: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  const path = `securityGroups[${groupIndex}]`;
  const base = { groupId: group.id, path } as const;
  if (isDefaultGroup(group)) {
    if (group.inbound.length + group.outbound.length > 0)
      out.push({
        ...base,
        code: 'DEFAULT_GROUP_HAS_RULES',
        severity: 'low',
        title: `The default group of ${group.vpcId} (${group.id}) has rules`,
        message:
          'AWS creates it allowing all traffic between its members and everything out, and uses it for any interface launched without a group. Best practice is to remove its rules and attach groups made for the purpose.',
        controls: ['Security Hub EC2.2', 'CIS AWS Foundations 5.4'],
      });
  } else if (!used.has(group.id)) {
    out.push({
      ...base,
      code: 'UNUSED_GROUP',
      severity: 'low',
      title: `${group.name} (${group.id}) is not used`,
      message:
        'No instance or load balancer carries it and no other group refers to it, so its rules take effect nowhere. Attach it or delete it.',
    });
  }
  const lists = new Map((s.prefixLists ?? []).map((p) => [p.id, p]));
  for (const direction of ['inbound', 'outbound'] as Direction[]) {
    const use = ruleQuotaUse(group[direction], lists);
    const limit = QUOTAS.rulesPerGroupPerDirection;
    const near = (['ipv4', 'ipv6'] as const).filter(
      (f) => use[f] >= Math.ceil(limit * NEAR) && use[f] <= limit,
    );
    if (near.length === 0) continue;
    out.push({
      ...base,
      code: 'NEAR_QUOTA',
      severity: 'medium',
      direction,
      title: `${group.name} uses ${joinWords(near.map((f) => `${use[f]} of ${limit} ${f === 'ipv4' ? 'IPv4' : 'IPv6'}`))} ${direction} rules`,
      message: `AWS allows ${limit} ${direction} rules per address family per group (a group reference counts in both families, a prefix list as its maximum size). Merge rules, use a prefix list, or split the group before adding more.`,
    });
  }
  return out;
}
