/** Rule edits. Invalid rules are kept (the editor marks them; the engine leaves them out). */
import { newId } from '../ids';
import type { Direction, Rule, Scenario, SecurityGroup } from '../types';
import { allIds, done, refused, type EditResult } from './result';

function withGroup(
  s: Scenario,
  groupId: string,
  change: (g: SecurityGroup) => SecurityGroup | string,
): EditResult {
  const i = s.securityGroups.findIndex((g) => g.id === groupId);
  const g = s.securityGroups[i];
  if (!g)
    return refused(
      'InvalidGroup.NotFound',
      'securityGroups',
      `The security group '${groupId}' does not exist`,
    );
  const next = change(g);
  if (typeof next === 'string')
    return refused('InvalidSecurityGroupRuleId.NotFound', `securityGroups[${i}]`, next);
  const groups = s.securityGroups.slice();
  groups[i] = next;
  return done({ ...s, securityGroups: groups });
}

/** Adds a rule (with a new `sgr-` id when it has none) at the end, or at `index`. */
export function addRule(
  s: Scenario,
  groupId: string,
  direction: Direction,
  rule: Rule,
  index?: number,
): EditResult<string> {
  const id = rule.id ?? newId('sgr', `${groupId}|${direction}|${JSON.stringify(rule)}`, allIds(s));
  const r = withGroup(s, groupId, (g) => {
    const list = g[direction].slice();
    list.splice(index ?? list.length, 0, { ...rule, id });
    return { ...g, [direction]: list };
  });
  return r.ok ? done(r.scenario, id) : r;
}

/** Replaces a rule's fields, keeping its id. */
export function updateRule(
  s: Scenario,
  groupId: string,
  direction: Direction,
  ruleId: string,
  rule: Rule,
): EditResult {
  return withGroup(s, groupId, (g) => {
    const i = g[direction].findIndex((r) => r.id === ruleId);
    if (i < 0) return `The security group rule ID '${ruleId}' does not exist`;
    const list = g[direction].slice();
    list[i] = { ...rule, id: ruleId };
    return { ...g, [direction]: list };
  });
}

export function removeRule(
  s: Scenario,
  groupId: string,
  direction: Direction,
  ruleId: string,
): EditResult {
  return withGroup(s, groupId, (g) => {
    if (!g[direction].some((r) => r.id === ruleId))
      return `The security group rule ID '${ruleId}' does not exist`;
    return { ...g, [direction]: g[direction].filter((r) => r.id !== ruleId) };
  });
}

/** Copies a rule right below itself with a new id (the copy is a duplicate until edited). */
export function duplicateRule(
  s: Scenario,
  groupId: string,
  direction: Direction,
  ruleId: string,
): EditResult<string> {
  const g = s.securityGroups.find((x) => x.id === groupId);
  const i = g ? g[direction].findIndex((r) => r.id === ruleId) : -1;
  const rule = g?.[direction][i];
  if (!rule)
    return refused(
      'InvalidSecurityGroupRuleId.NotFound',
      'securityGroups',
      `The security group rule ID '${ruleId}' does not exist`,
    );
  const { id: _id, ...copy } = rule;
  return addRule(s, groupId, direction, copy, i + 1);
}
