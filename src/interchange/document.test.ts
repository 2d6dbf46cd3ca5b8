/** The document envelope's text: exactly JSON.stringify's, however much of it was kept from before. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRule, renameScenario } from '../model';
import { largeScenario } from '../model/large-scenario';
import {
  aclWorldWithFlows,
  lbWorldWithFlows,
  scenarioWithFlows,
} from '../test-support/arbitrary-scenario';
import { decodeDocument, encodeDocument, type SgDocument } from './document';

const plain = (doc: SgDocument) =>
  JSON.stringify({
    format: 'sg-lab.document',
    version: 1,
    scenario: doc.scenario,
    flows: doc.flows,
  });

describe('encodeDocument', () => {
  it('writes what JSON.stringify writes, for any scenario and its flows, and after an edit', () => {
    for (const worlds of [scenarioWithFlows, aclWorldWithFlows, lbWorldWithFlows])
      fc.assert(
        fc.property(worlds, fc.string(), ([scenario, flows], name) => {
          const doc = { scenario, flows };
          expect(encodeDocument(doc)).toBe(plain(doc));
          const group = scenario.securityGroups[0];
          const edited = group
            ? addRule(scenario, group.id, 'inbound', {
                protocol: 'tcp',
                fromPort: 8443,
                toPort: 8443,
                cidrIpv4: '10.9.0.0/16',
              })
            : renameScenario(scenario, name);
          if (!edited.ok) return;
          const next = { scenario: edited.scenario, flows: flows.slice(1) };
          expect(encodeDocument(next)).toBe(plain(next));
          expect(decodeDocument(encodeDocument(next)).ok).toBe(true);
        }),
        { numRuns: 150 },
      );
  });

  it('writes a large account again in a fraction of the first time after one rule edit', () => {
    const scenario = largeScenario({ instances: 20_000, groups: 1000, rulesPerGroup: 60 });
    let t = performance.now();
    const first = encodeDocument({ scenario, flows: [] });
    const firstMs = performance.now() - t;
    const g = scenario.securityGroups[500];
    const edited =
      g &&
      addRule(scenario, g.id, 'inbound', {
        protocol: 'tcp',
        fromPort: 1,
        toPort: 2,
        cidrIpv4: '10.1.0.0/16',
      });
    if (!edited?.ok) throw new Error('the edit did not apply');
    t = performance.now();
    const again = encodeDocument({ scenario: edited.scenario, flows: [] });
    const againMs = performance.now() - t;
    expect(again).toBe(plain({ scenario: edited.scenario, flows: [] }));
    expect(again.length).toBeGreaterThan(first.length);
    // measured here: ~80 ms, then ~1 ms
    expect(againMs).toBeLessThan(firstMs / 5);
  });
});
