/** Reading a scenario from JSON text or a value: validates everything, never throws. */
import { error, hasErrors, type Issue } from './issue';
import { newId } from './ids';
import { readJson } from './json-text';
import { migrate } from './migrate';
import { normaliseProtocol } from './protocol';
import { ruleCount } from './quotas';
import { LIMITS, SCENARIO_SPEC, checkShape } from './schema';
import type { Rule, Scenario, SecurityGroup } from './types';
import { validateScenario } from './validate-scenario';
import { formatCount } from './format-count';

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Parses a scenario document. `ok` is false only when the document cannot be loaded at all (not
 * JSON, wrong shape, newer version); rule-level problems come back as issues of a loaded
 * scenario, so an editor can show them and the engine can leave those rules out.
 */
export function parseScenario(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    const read = readJson(input);
    if (!read.ok)
      return {
        ok: false,
        issues: [error('InvalidJson', '', `The file is not valid JSON: ${read.message}.`)],
      };
    value = read.value;
  }
  const migrated = migrate(value);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };
  const problems: [string, string][] = [];
  checkShape(migrated.value, SCENARIO_SPEC, '', problems);
  if (problems.length > 0) {
    return {
      ok: false,
      issues: problems.map(([path, message]) =>
        error('InvalidShape', path, `${path || 'The document'} ${message}.`),
      ),
    };
  }
  const shaped = migrated.value as unknown as Scenario;
  const rules = ruleCount(shaped);
  if (rules > LIMITS.rules)
    return {
      ok: false,
      issues: [
        error(
          'TooLarge',
          'securityGroups',
          `The document has ${formatCount(rules)} rules in all; SG Lab opens at most ${formatCount(LIMITS.rules)}.`,
        ),
      ],
    };
  const scenario = withRuleIds(shaped);
  return { ok: true, scenario, issues: validateScenario(scenario) };
}

/** True when the document loads and has no error (warnings and notices allowed). */
export function isValidScenario(r: ParseResult): r is ParseResult & { ok: true } {
  return r.ok && !hasErrors(r.issues);
}

/** Gives every rule without one an `sgr-` id (stable for the same document) and stores protocol names. */
export function withRuleIds(s: Scenario): Scenario {
  const taken = new Set<string>();
  for (const g of s.securityGroups)
    for (const r of [...g.inbound, ...g.outbound]) if (r.id) taken.add(r.id);
  // a repeated group id (an error, reported by validation) seeds with its index, so that the ids
  // of its rules do not collide with the first group's and generation stays linear
  const seenGroups = new Set<string>();
  const fill = (g: SecurityGroup, dir: 'inbound' | 'outbound'): Rule[] =>
    g[dir].map((r, i) => {
      const protocol = normaliseProtocol(r.protocol);
      if (r.id && protocol === r.protocol) return r;
      const seed = seeds.get(g) ?? g.id;
      const id = r.id ?? newId('sgr', `${seed}|${dir}|${i}`, taken);
      taken.add(id);
      return { ...r, id, protocol };
    });
  const seeds = new Map<SecurityGroup, string>();
  s.securityGroups.forEach((g, gi) => {
    if (seenGroups.has(g.id)) seeds.set(g, `${g.id}@${gi}`);
    else seenGroups.add(g.id);
  });
  let changed = false;
  const groups = s.securityGroups.map((g) => {
    const inbound = fill(g, 'inbound');
    const outbound = fill(g, 'outbound');
    if (
      inbound.every((r, i) => r === g.inbound[i]) &&
      outbound.every((r, i) => r === g.outbound[i])
    )
      return g;
    changed = true;
    return { ...g, inbound, outbound };
  });
  return changed ? { ...s, securityGroups: groups } : s;
}
