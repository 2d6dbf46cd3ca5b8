/**
 * Whole-document validation: what the EC2 API would refuse across objects (unknown or foreign
 * references, duplicates, quotas) plus the shape of the network. Returns issues; never throws.
 */
import { error, warning, type Issue } from './issue';
import { QUOTAS, ruleQuotaUse } from './quotas';
import { awsRuleText, peerOf, ruleKey } from './rule';
import { validateRule } from './validate-rule';
import type { Direction, PrefixList, Scenario, SecurityGroup } from './types';
import { validateWorld } from './validate-world';
import { formatCount } from './format-count';

export function validateScenario(s: Scenario): Issue[] {
  return [...validateIds(s), ...validateWorld(s), ...validateGroups(s)];
}

function validateIds(s: Scenario): Issue[] {
  const seen = new Map<string, string>();
  const issues: Issue[] = [];
  const lists: [string, readonly { id: string }[] | undefined][] = [
    ['vpcs', s.vpcs],
    ['subnets', s.subnets],
    ['prefixLists', s.prefixLists],
    ['securityGroups', s.securityGroups],
    ['instances', s.instances],
    ['loadBalancers', s.loadBalancers],
    ['hosts', s.hosts],
    ['networkAcls', s.networkAcls],
  ];
  // an id repeated many times is one error, at its second use, saying how many more there are
  const repeats = new Map<string, { path: string; other: string; more: number }>();
  for (const [key, list] of lists) {
    (list ?? []).forEach((item, i) => {
      const path = `${key}[${i}].id`;
      const other = seen.get(item.id);
      const repeat = repeats.get(item.id);
      if (repeat) repeat.more++;
      else if (other) repeats.set(item.id, { path, other, more: 0 });
      else seen.set(item.id, path);
    });
  }
  for (const [id, r] of repeats)
    issues.push(
      error(
        'DuplicateId',
        r.path,
        `The id ${id} is already used at ${r.other}${r.more > 0 ? ` (and ${formatCount(r.more)} more items use it too)` : ''}.`,
      ),
    );
  return issues;
}

function validateGroups(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const groups = new Map(s.securityGroups.map((g) => [g.id, g]));
  const prefixLists = new Map((s.prefixLists ?? []).map((p) => [p.id, p]));
  const vpcs = new Set(s.vpcs.map((v) => v.id));
  const names = new Map<string, string>();
  s.securityGroups.forEach((g, gi) => {
    const path = `securityGroups[${gi}]`;
    if (!vpcs.has(g.vpcId))
      issues.push(
        error('InvalidVpcID.NotFound', `${path}.vpcId`, `The VPC '${g.vpcId}' does not exist.`),
      );
    issues.push(...validateGroupName(g, path));
    const nameKey = `${g.vpcId}|${g.name.trim().toLowerCase()}`;
    if (names.has(nameKey)) {
      issues.push(
        error(
          'InvalidGroup.Duplicate',
          `${path}.name`,
          `The security group '${g.name}' already exists for VPC '${g.vpcId}'`,
        ),
      );
    } else names.set(nameKey, g.id);
    for (const direction of ['inbound', 'outbound'] as const) {
      issues.push(...validateRuleList(g, direction, path, groups, prefixLists));
    }
  });
  return issues;
}

/** One group's issues: its name and description, and both rule lists (the editor's view). */
export function validateGroup(s: Scenario, groupId: string): Issue[] {
  const gi = s.securityGroups.findIndex((g) => g.id === groupId);
  const g = s.securityGroups[gi];
  if (!g) return [];
  const path = `securityGroups[${gi}]`;
  const groups = new Map(s.securityGroups.map((x) => [x.id, x]));
  const prefixLists = new Map((s.prefixLists ?? []).map((p) => [p.id, p]));
  const clash = s.securityGroups.find(
    (x, i) =>
      i < gi && x.vpcId === g.vpcId && x.name.trim().toLowerCase() === g.name.trim().toLowerCase(),
  );
  return [
    ...validateGroupName(g, path),
    ...(clash
      ? [
          error(
            'InvalidGroup.Duplicate',
            `${path}.name`,
            `The security group '${g.name}' already exists for VPC '${g.vpcId}'`,
          ),
        ]
      : []),
    ...validateRuleList(g, 'inbound', path, groups, prefixLists),
    ...validateRuleList(g, 'outbound', path, groups, prefixLists),
  ];
}

function validateGroupName(g: SecurityGroup, path: string): Issue[] {
  const issues: Issue[] = [];
  if (g.name.trim() === '')
    issues.push(error('MissingParameter', `${path}.name`, 'A security group needs a name.'));
  else if (/^sg-/i.test(g.name)) {
    // A document may name a group after its id; only creating one in AWS is refused (createGroup is).
    issues.push(
      warning(
        'InvalidParameterValue',
        `${path}.name`,
        `AWS would refuse the name ${g.name}: group names may not be in the format sg-*.`,
      ),
    );
  } else if (g.name.length > 255) {
    issues.push(
      error('InvalidParameterValue', `${path}.name`, 'Group names are at most 255 characters.'),
    );
  }
  if (g.description.trim() === '') {
    issues.push(
      error(
        'MissingParameter',
        `${path}.description`,
        'A security group needs a description (AWS requires one).',
      ),
    );
  }
  return issues;
}

function validateRuleList(
  g: SecurityGroup,
  direction: Direction,
  groupPath: string,
  groups: ReadonlyMap<string, SecurityGroup>,
  prefixLists: ReadonlyMap<string, PrefixList>,
): Issue[] {
  const issues: Issue[] = [];
  const keys = new Map<string, number>();
  const rules = g[direction];
  rules.forEach((rule, ri) => {
    const path = `${groupPath}.${direction}[${ri}]`;
    const own = validateRule(rule, direction, path);
    issues.push(...own);
    const peer = peerOf(rule);
    if (peer?.kind === 'referencedGroupId' && /^sg-\S+$/.test(peer.value)) {
      const ref = groups.get(peer.value);
      if (!ref) {
        issues.push(
          error(
            'InvalidGroup.NotFound',
            `${path}.referencedGroupId`,
            `The security group '${peer.value}' does not exist`,
          ),
        );
      } else if (ref.vpcId !== g.vpcId) {
        issues.push(
          error(
            'InvalidGroup.NotFound',
            `${path}.referencedGroupId`,
            `${peer.value} belongs to ${ref.vpcId}, not ${g.vpcId}: a rule can reference only groups of its own VPC (or a peered one); use the other VPC's CIDR instead.`,
          ),
        );
      }
    }
    if (
      peer?.kind === 'prefixListId' &&
      /^pl-\S+$/.test(peer.value) &&
      !prefixLists.has(peer.value)
    ) {
      issues.push(
        error(
          'InvalidPrefixListID.NotFound',
          `${path}.prefixListId`,
          `The prefix list '${peer.value}' does not exist`,
        ),
      );
    }
    if (own.some((i) => i.severity === 'error')) return;
    const key = ruleKey(rule, direction);
    if (key === null) return;
    const first = keys.get(key);
    if (first === undefined) keys.set(key, ri);
    else {
      issues.push(
        error(
          'InvalidPermission.Duplicate',
          `${path}.peer`,
          `the specified rule "${awsRuleText(rule)}" already exists (${direction} rule ${first + 1} is the same, after AWS rewrites the CIDR).`,
        ),
      );
    }
  });
  const use = ruleQuotaUse(rules, prefixLists);
  for (const family of ['ipv4', 'ipv6'] as const) {
    if (use[family] > QUOTAS.rulesPerGroupPerDirection) {
      issues.push(
        error(
          'RulesPerSecurityGroupLimitExceeded',
          `${groupPath}.${direction}`,
          `The maximum number of rules per security group has been reached: ${use[family]} ${family === 'ipv4' ? 'IPv4' : 'IPv6'} ${direction} rules counted, the quota is ${QUOTAS.rulesPerGroupPerDirection} (a group reference counts in both families, a prefix list as its max entries).`,
        ),
      );
    }
  }
  return issues;
}
