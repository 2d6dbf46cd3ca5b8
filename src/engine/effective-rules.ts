/**
 * An instance's effective rules: the union of all its groups' rules in each direction (§4.1),
 * each saying which group it comes from, and the ones the others already cover flagged.
 */
import type { Direction, Rule, RuleRef, Scenario } from '../model';
import { compile, rulesOf } from './compile';
import { coverage } from './findings/redundancy';

export interface EffectiveRule {
  readonly direction: Direction;
  readonly groupId: string;
  readonly ruleId: string;
  readonly rule: Rule;
  /** Rules of any of its groups that already allow everything this one does. */
  readonly coveredBy?: readonly RuleRef[];
  readonly duplicateOf?: RuleRef;
}

export function effectiveRules(s: Scenario, instanceId: string): EffectiveRule[] {
  const c = compile(s);
  const inst = s.instances.find((i) => i.id === instanceId);
  if (!inst) return [];
  const ref = (r: { groupId: string; ruleId: string }): RuleRef => ({
    groupId: r.groupId,
    ruleId: r.ruleId,
  });
  return (['inbound', 'outbound'] as const).flatMap((direction) => {
    const rules = rulesOf(c, { groupIds: inst.securityGroupIds }, direction);
    const found = coverage(rules);
    return rules.map((r) => {
      const cov = found.get(r);
      return {
        direction,
        groupId: r.groupId,
        ruleId: r.ruleId,
        rule: r.rule,
        ...(cov?.coveredBy ? { coveredBy: cov.coveredBy.map(ref) } : {}),
        ...(cov?.duplicateOf ? { duplicateOf: ref(cov.duplicateOf) } : {}),
      };
    });
  });
}
