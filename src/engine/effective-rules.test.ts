/** Data-driven: an instance's effective rules, with the cross-group coverage flags. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../model';
import { FIXTURES } from '../test-support/fixtures';
import { effectiveRules } from './effective-rules';

const dir = path.join(FIXTURES, 'effective-cases');

describe('effectiveRules', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(file, () => {
      const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const parsed = parseScenario(doc.scenario);
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const actual = effectiveRules(parsed.scenario, doc.instance).map((r) => ({
        direction: r.direction,
        groupId: r.groupId,
        ruleId: r.ruleId,
        ...(r.coveredBy ? { coveredBy: r.coveredBy.map((c) => `${c.groupId}/${c.ruleId}`) } : {}),
        ...(r.duplicateOf
          ? { duplicateOf: `${r.duplicateOf.groupId}/${r.duplicateOf.ruleId}` }
          : {}),
      }));
      expect(actual).toEqual(doc.rules);
    });
  }
});
