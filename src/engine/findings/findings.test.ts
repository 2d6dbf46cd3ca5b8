/** Data-driven: each findings case lists exactly the findings its scenario must produce. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Finding } from '../../model';
import { FIXTURES } from '../../test-support/fixtures';
import { findings } from '.';

interface Expected {
  readonly code: Finding['code'];
  readonly groupId: string;
  readonly ruleId?: string;
  readonly severity?: Finding['severity'];
  readonly controls?: readonly string[];
  readonly related?: readonly string[];
  readonly rewrites?: Finding['rewrites'];
  readonly titleIncludes?: string;
}

const dir = path.join(FIXTURES, 'findings-cases');
const key = (f: { code: string; groupId: string; ruleId?: string | undefined }) =>
  `${f.code} ${f.groupId} ${f.ruleId ?? ''}`.trim();

describe('findings', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      scenario: unknown;
      findings: Expected[];
    };
    const parsed = parseScenario(doc.scenario);
    describe(file, () => {
      it('parses', () => expect(parsed.ok).toBe(true));
      if (!parsed.ok) return;
      const actual = findings(parsed.scenario);
      it('produces exactly the expected findings', () => {
        expect(actual.map(key).sort()).toEqual(doc.findings.map(key).sort());
      });
      for (const e of doc.findings) {
        it(`${key(e)}: details`, () => {
          const f = actual.find((a) => key(a) === key(e));
          expect(f, key(e)).toBeDefined();
          if (!f) return;
          if (e.severity) expect(f.severity).toBe(e.severity);
          if (e.controls) expect(f.controls).toEqual(e.controls);
          if (e.related) expect(f.related?.map((r) => r.ruleId)).toEqual(e.related);
          if (e.rewrites) expect(f.rewrites).toEqual(e.rewrites);
          if (e.titleIncludes) expect(f.title).toContain(e.titleIncludes);
          expect(f.message.length).toBeGreaterThan(20);
        });
      }
    });
  }

  it('lists the most severe first', () => {
    const doc = JSON.parse(readFileSync(path.join(dir, 'world-open.json'), 'utf8'));
    const parsed = parseScenario(doc.scenario);
    if (!parsed.ok) throw new Error('world-open.json does not parse');
    const ranks = findings(parsed.scenario).map((f) =>
      ['high', 'medium', 'low'].indexOf(f.severity),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
