/** The one-click fix admits the packet where it was refused, and only there. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addRule, parseScenario } from '../model';
import { scenarioWithFlows } from '../test-support/arbitrary-scenario';
import { evaluateFlow } from './evaluate';
import { suggestFix } from './fix';

const refusedAt = (v: ReturnType<typeof evaluateFlow>) =>
  v.steps
    .filter(
      (s) =>
        s.verdict === 'deny' &&
        (s.kind === 'ingress' || s.kind === 'egress' || s.kind === 'load-balancer'),
    )
    .map((s) => s.at);

describe('suggestFix', () => {
  it('fixes the first refusing interface of random denied flows, and never breaks an allowed one', () => {
    fc.assert(
      fc.property(scenarioWithFlows, ([s, flows]) => {
        for (const f of flows) {
          const before = evaluateFlow(s, f);
          const fix = suggestFix(s, f);
          if (before.allowed) {
            expect(fix).toBeNull();
            continue;
          }
          if (!fix) continue;
          const first = refusedAt(before)[0];
          const r = addRule(s, fix.groupId, fix.direction, fix.rule);
          expect(r.ok).toBe(true);
          if (!r.ok) continue;
          expect(refusedAt(evaluateFlow(r.scenario, f))).not.toContain(first);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the near-miss rule and changes only the field that failed', () => {
    const file = path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json');
    const parsed = parseScenario(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error('three-tier.json does not parse');
    const s = parsed.scenario;
    const flow = { from: 'host-internet', to: 'i-bastion', protocol: 'tcp', port: 22 };
    const fix = suggestFix(s, flow);
    expect(fix).toMatchObject({
      groupId: 'sg-bastion',
      direction: 'inbound',
      rule: { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '203.0.113.7/32' },
    });
    expect(fix?.label).toBe('Add “SSH 22 from 203.0.113.7/32” to sg-bastion inbound');
    const r = fix ? addRule(s, fix.groupId, fix.direction, fix.rule) : null;
    expect(r?.ok && evaluateFlow(r.scenario, flow).allowed).toBe(true);
  });
});
