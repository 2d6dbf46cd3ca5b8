/** Schema migration: every older version is brought to the current one on load (scenario-format.md). */
import { error, type Issue } from './issue';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './types';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns version n into n + 1. Version 1 is the first: none yet. */
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export function migrate(
  value: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: Issue[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [error('InvalidShape', '', 'A scenario is a JSON object.')] };
  }
  let doc = value as Record<string, unknown>;
  if (doc.format !== SCENARIO_FORMAT) {
    return {
      ok: false,
      issues: [
        error(
          'NotAScenario',
          'format',
          `This is not an SG Lab scenario: "format" must be "${SCENARIO_FORMAT}".`,
        ),
      ],
    };
  }
  let version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      issues: [error('InvalidShape', 'version', '"version" must be a whole number from 1.')],
    };
  }
  if (version > SCENARIO_VERSION) {
    return {
      ok: false,
      issues: [
        error(
          'NewerVersion',
          'version',
          `This scenario was made by a newer SG Lab (format version ${version}); this one reads up to ${SCENARIO_VERSION}.`,
        ),
      ],
    };
  }
  while (version < SCENARIO_VERSION) {
    const step = MIGRATIONS[version];
    if (!step)
      return {
        ok: false,
        issues: [error('NoMigration', 'version', `No migration from version ${version}.`)],
      };
    doc = step(doc);
    version += 1;
  }
  return { ok: true, value: doc };
}
