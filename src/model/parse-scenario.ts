/** Reading a scenario from JSON text or a value: validates everything, never throws. */
import { error, hasErrors, type Issue } from './issue';
import { newId } from './ids';
import { migrate } from './migrate';
import { normaliseProtocol } from './protocol';
import { SCENARIO_SPEC, checkShape } from './schema';
import type { Rule, Scenario, SecurityGroup } from './types';
import { validateScenario } from './validate-scenario';

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
    try {
      value = JSON.parse(input);
    } catch (e) {
      return {
        ok: false,
        issues: [error('InvalidJson', '', `The file is not valid JSON: ${(e as Error).message}`)],
      };
    }
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
  const scenario = withRuleIds(migrated.value as unknown as Scenario);
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
  const fill = (g: SecurityGroup, dir: 'inbound' | 'outbound'): Rule[] =>
    g[dir].map((r, i) => {
      const protocol = normaliseProtocol(r.protocol);
      if (r.id && protocol === r.protocol) return r;
      const id = r.id ?? newId('sgr', `${g.id}|${dir}|${i}`, taken);
      taken.add(id);
      return { ...r, id, protocol };
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
