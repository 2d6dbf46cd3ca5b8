/** Data-driven: every expectation of every fixture scenario must come out as AWS decides it. */
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../test-support/fixtures';
import { isAclEntryRef } from '../model';
import { evaluateFlow } from './evaluate';

for (const folder of ['aws-behaviour', 'engine-cases']) {
  describe(folder, () => {
    for (const fx of loadFixtures(folder)) {
      fx.expectations.forEach((e, i) => {
        it(`${fx.file} #${i}: ${e.from} → ${e.to} ${e.protocol} ${e.port ?? e.icmpType ?? ''} ${e.expect} (${e.note ?? ''})`, () => {
          const v = evaluateFlow(fx.scenario, e);
          const why = v.steps.map((s) => `${s.verdict} ${s.at}: ${s.explanation}`).join('\n');
          expect(v.allowed ? 'allow' : 'deny', why).toBe(e.expect);
          const a = e.assert;
          if (!a) return;
          if (a.blockedAt) expect(v.blockedAt, why).toBe(a.blockedAt);
          if (a.code)
            expect(
              v.steps.map((s) => s.code),
              why,
            ).toContain(a.code);
          if (a.response)
            expect(v.steps.find((s) => s.kind === 'response')?.code, why).toBe(a.response);
          if (a.matchedRuleIds) {
            const ids = v.steps.flatMap((s) =>
              s.kind === 'response'
                ? []
                : s.matchedRules.map((m) => (isAclEntryRef(m) ? String(m.ruleNumber) : m.ruleId)),
            );
            expect(ids, why).toEqual(expect.arrayContaining([...a.matchedRuleIds]));
          }
          if (a.pairs !== undefined) expect(v.pairs?.length, why).toBe(a.pairs);
          if (a.failingPairs !== undefined)
            expect(v.pairs?.filter((p) => !p.allowed).length, why).toBe(a.failingPairs);
          if (a.nearestMissField) {
            expect(v.steps.find((s) => s.nearestMiss)?.nearestMiss?.field, why).toBe(
              a.nearestMissField,
            );
          }
        });
      });
    }
  });
}
