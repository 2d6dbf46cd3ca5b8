/**
 * Everything that reads outside data, fed stranger data: never an exception, never a hang, and a
 * parsed document never makes the engine throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, findings } from '../engine';
import { parseFlow, parseScenario, serviceLabel, type Scenario } from '../model';
import { arbitraryScenario, arbitraryFlow } from '../test-support/arbitrary-scenario';
import { damagedText, fuzzRuns, mutated } from '../test-support/mutate';
import { checkScenarioText } from '../cli/check';
import { decodeDocument, encodeDocument } from '.';

const withFlows = arbitraryScenario.chain((s) =>
  fc.record({ scenario: fc.constant(s), flows: fc.array(arbitraryFlow(s), { maxLength: 3 }) }),
);

/** Fails a run that takes longer than a person would wait. */
function quick<T>(f: () => T): T {
  const t = performance.now();
  const r = f();
  expect(performance.now() - t).toBeLessThan(2000);
  return r;
}

function exercise(s: Scenario) {
  for (const e of s.expectations ?? []) evaluateFlow(s, e);
  const first = s.instances[0]?.id;
  const last = s.instances.at(-1)?.id;
  if (first && last) evaluateFlow(s, { from: first, to: last, protocol: 'tcp', port: 443 });
  findings(s);
}

describe(
  'stranger data never breaks a reader',
  { timeout: process.env.FUZZ_RUNS ? 900_000 : 30_000 },
  () => {
    it('scenarios with structural damage: parse never throws, the engine never throws on what loads', () => {
      fc.assert(
        fc.property(mutated(arbitraryScenario), (doc) => {
          quick(() => {
            const r = parseScenario(doc);
            if (r.ok) exercise(r.scenario);
            parseScenario(JSON.stringify(doc) ?? 'null');
          });
        }),
        { numRuns: fuzzRuns(800) },
      );
    });

    it('damaged scenario text: parse and the command line answer with issues, never an exception', () => {
      fc.assert(
        fc.property(damagedText(arbitraryScenario.map((s) => JSON.stringify(s))), (text) => {
          quick(() => {
            const r = parseScenario(text);
            if (r.ok) exercise(r.scenario);
            const out = checkScenarioText('fuzz.json', text);
            if (!out.ok) expect(out.issues.length).toBeGreaterThan(0);
          });
        }),
        { numRuns: fuzzRuns(1500) },
      );
    });

    it('damaged documents (autosave): decode is total, and what it restores is model-valid', () => {
      const docs = withFlows.map((d) => JSON.parse(encodeDocument(d)));
      fc.assert(
        fc.property(
          fc.oneof(
            mutated(docs).map((d) => JSON.stringify(d) ?? ''),
            damagedText(docs.map((d) => JSON.stringify(d))),
          ),
          (text) => {
            quick(() => {
              const r = decodeDocument(text);
              if (!r.ok) return expect(r.reason).toBeTruthy();
              for (const f of r.document.flows) {
                expect(parseFlow(f).ok).toBe(true);
                serviceLabel(f); // the trace's label: it once threw on an icmpCode object
                evaluateFlow(r.document.scenario, f);
              }
            });
          },
        ),
        { numRuns: fuzzRuns(1500) },
      );
    });

    it('flows of any shape: parseFlow refuses all but real flows, and the engine takes those', () => {
      fc.assert(
        fc.property(
          mutated(
            fc.constant({ from: 'i-a', to: 'i-b', protocol: 'icmp', icmpType: 8, icmpCode: 0 }),
          ),
          arbitraryScenario,
          (value, s) => {
            const r = parseFlow(value);
            if (r.ok) evaluateFlow(s, r.flow);
            else expect(r.issues[0]?.path).toBeDefined();
          },
        ),
        { numRuns: fuzzRuns(1000) },
      );
    });
  },
);
