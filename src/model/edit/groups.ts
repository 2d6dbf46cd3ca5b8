/** Group lifecycle and attachment, refused the way AWS refuses (aws-semantics.md §7.3, §6). */
import { isDefaultGroup, newSecurityGroup } from '../defaults';
import { newId, readableId } from '../ids';
import { QUOTAS } from '../quotas';
import { perObject } from '../per-object';
import type { Scenario, SecurityGroup } from '../types';
import { allIds, done, refused, type EditResult } from './result';

function checkNewName(
  s: Scenario,
  name: string,
  vpcId: string,
  description: string,
): EditResult<never> | null {
  const trimmed = name.trim();
  if (trimmed === '') return refused('MissingParameter', 'name', 'A security group needs a name.');
  if (/^sg-/i.test(trimmed)) {
    return refused(
      'InvalidParameterValue',
      'name',
      `Value (${trimmed}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`,
    );
  }
  if (
    s.securityGroups.some(
      (g) => g.vpcId === vpcId && g.name.toLowerCase() === trimmed.toLowerCase(),
    )
  ) {
    return refused(
      'InvalidGroup.Duplicate',
      'name',
      `The security group '${trimmed}' already exists for VPC '${vpcId}'`,
    );
  }
  if (description.trim() === '')
    return refused(
      'MissingParameter',
      'description',
      'A security group needs a description (AWS requires one).',
    );
  if (!s.vpcs.some((v) => v.id === vpcId))
    return refused('InvalidVpcID.NotFound', 'vpcId', `The VPC '${vpcId}' does not exist.`);
  return null;
}

/** Creates a group with AWS's defaults: no inbound, all outbound (plus ::/0 in an IPv6 VPC). */
export function createGroup(
  s: Scenario,
  fields: { name: string; description: string; vpcId: string },
): EditResult<string> {
  const bad = checkNewName(s, fields.name, fields.vpcId, fields.description);
  if (bad) return bad;
  const vpc = s.vpcs.find((v) => v.id === fields.vpcId) ?? {};
  const taken = allIds(s);
  const id = readableId('sg', fields.name, taken);
  const group = newSecurityGroup({ ...fields, name: fields.name.trim(), id }, vpc);
  const outbound = group.outbound.map((r, i) => ({
    ...r,
    id: newId('sgr', `${id}|outbound|${i}`, taken),
  }));
  return done({ ...s, securityGroups: [...s.securityGroups, { ...group, outbound }] }, id);
}

/** The console's "Copy to new security group": same rules, new ids, same VPC. */
export function copyGroup(
  s: Scenario,
  groupId: string,
  name: string,
  description?: string,
): EditResult<string> {
  const source = s.securityGroups.find((g) => g.id === groupId);
  if (!source)
    return refused(
      'InvalidGroup.NotFound',
      'securityGroups',
      `The security group '${groupId}' does not exist`,
    );
  const desc = description ?? source.description;
  const bad = checkNewName(s, name, source.vpcId, desc);
  if (bad) return bad;
  const taken = allIds(s);
  const id = readableId('sg', name, taken);
  taken.add(id);
  const copyRules = (dir: 'inbound' | 'outbound') =>
    source[dir].map((r, i) => {
      const ruleId = newId('sgr', `${id}|${dir}|${i}`, taken);
      taken.add(ruleId);
      return { ...r, id: ruleId };
    });
  const copy: SecurityGroup = {
    ...source,
    id,
    name: name.trim(),
    description: desc,
    inbound: copyRules('inbound'),
    outbound: copyRules('outbound'),
  };
  return done({ ...s, securityGroups: [...s.securityGroups, copy] }, id);
}

/** Who keeps a group from being deleted: attachments and other groups' rules (not its own). */
/** Per instance list and group, the instances carrying it: a rule edit keeps the list. */
const attachedTo = new WeakMap<Scenario['instances'], Map<string, readonly string[]>>();

function instancesCarrying(instances: Scenario['instances'], groupId: string): readonly string[] {
  let per = attachedTo.get(instances);
  if (!per) attachedTo.set(instances, (per = new Map()));
  let out = per.get(groupId);
  if (!out) {
    const found: string[] = [];
    for (const i of instances)
      if (i.securityGroupIds.includes(groupId))
        found.push(`attached to ${i.id}${i.name ? ` (${i.name})` : ''}`);
    per.set(groupId, (out = found));
  }
  return out;
}

export function groupDependants(s: Scenario, groupId: string): string[] {
  const out: string[] = [...instancesCarrying(s.instances, groupId)];
  for (const lb of s.loadBalancers ?? [])
    if (lb.securityGroupIds.includes(groupId)) out.push(`attached to load balancer ${lb.name}`);
  for (const g of s.securityGroups) {
    if (g.id === groupId) continue;
    for (const dir of ['inbound', 'outbound'] as const) {
      if (!groupsReferencedBy(g).includes(groupId)) continue;
      for (const r of g[dir])
        if (r.referencedGroupId === groupId)
          out.push(`referenced by ${g.id} ${dir} rule ${r.id ?? ''}`.trim());
    }
  }
  return out;
}

/** The other groups a group's rules name, kept per group object: an edit re-reads one group. */
export const groupsReferencedBy = perObject((g: SecurityGroup): readonly string[] => {
  const found = new Set<string>();
  for (const list of [g.inbound, g.outbound])
    for (const r of list)
      if (r.referencedGroupId && r.referencedGroupId !== g.id) found.add(r.referencedGroupId);
  return [...found];
});

export function deleteGroup(s: Scenario, groupId: string): EditResult {
  const g = s.securityGroups.find((x) => x.id === groupId);
  if (!g)
    return refused(
      'InvalidGroup.NotFound',
      'securityGroups',
      `The security group '${groupId}' does not exist`,
    );
  if (isDefaultGroup(g)) {
    return refused(
      'CannotDelete',
      'securityGroups',
      `the specified group: "${groupId}" name: "default" cannot be deleted by a user`,
    );
  }
  const deps = groupDependants(s, groupId);
  if (deps.length > 0) {
    return refused(
      'DependencyViolation',
      'securityGroups',
      `resource ${groupId} has a dependent object: ${deps.join('; ')}.`,
    );
  }
  return done({ ...s, securityGroups: s.securityGroups.filter((x) => x.id !== groupId) });
}

/** Replaces an instance's groups, as "Change security groups" does: 1 to 5, of its own VPC. */
export function setInstanceGroups(
  s: Scenario,
  instanceId: string,
  groupIds: readonly string[],
): EditResult {
  const i = s.instances.findIndex((x) => x.id === instanceId);
  const inst = s.instances[i];
  if (!inst)
    return refused(
      'InvalidInstanceID.NotFound',
      'instances',
      `The instance ID '${instanceId}' does not exist`,
    );
  if (groupIds.length === 0)
    return refused(
      'MissingParameter',
      `instances[${i}].securityGroupIds`,
      'An interface needs at least one security group.',
    );
  if (groupIds.length > QUOTAS.groupsPerInterface) {
    return refused(
      'SecurityGroupsPerInstanceLimitExceeded',
      `instances[${i}].securityGroupIds`,
      `An interface takes at most ${QUOTAS.groupsPerInterface} security groups.`,
    );
  }
  const vpcId = s.subnets.find((sn) => sn.id === inst.subnetId)?.vpcId;
  for (const id of groupIds) {
    const g = s.securityGroups.find((x) => x.id === id);
    if (!g)
      return refused(
        'InvalidGroup.NotFound',
        `instances[${i}].securityGroupIds`,
        `The security group '${id}' does not exist`,
      );
    if (vpcId && g.vpcId !== vpcId)
      return refused(
        'InvalidGroup.NotFound',
        `instances[${i}].securityGroupIds`,
        `${id} belongs to ${g.vpcId}; ${instanceId} is in ${vpcId}.`,
      );
  }
  const instances = s.instances.slice();
  instances[i] = { ...inst, securityGroupIds: [...new Set(groupIds)] };
  return done({ ...s, instances });
}

export function attachGroup(s: Scenario, instanceId: string, groupId: string): EditResult {
  const inst = s.instances.find((x) => x.id === instanceId);
  if (inst?.securityGroupIds.includes(groupId)) return done(s);
  return setInstanceGroups(s, instanceId, [...(inst?.securityGroupIds ?? []), groupId]);
}

export function detachGroup(s: Scenario, instanceId: string, groupId: string): EditResult {
  const inst = s.instances.find((x) => x.id === instanceId);
  return setInstanceGroups(
    s,
    instanceId,
    (inst?.securityGroupIds ?? []).filter((g) => g !== groupId),
  );
}

/** A VPC's default group, created with the VPC. */
export function defaultGroupFor(s: Scenario, vpcId: string): SecurityGroup | undefined {
  return s.securityGroups.find((g) => g.vpcId === vpcId && isDefaultGroup(g)) ?? undefined;
}
