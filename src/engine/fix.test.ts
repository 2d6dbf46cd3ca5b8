/** The one-click fix admits the packet where it was refused, and only there. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario, removeNaclEntry } from '../model';
import { aclWorldWithFlows, scenarioWithFlows } from '../test-support/arbitrary-scenario';
import { evaluateFlow } from './evaluate';
import { applyFix, suggestFix } from './fix';

const refusedAt = (v: ReturnType<typeof evaluateFlow>) =>
  v.steps
    .filter(
      (s) =>
        s.verdict === 'deny' &&
        (s.kind === 'ingress' ||
          s.kind === 'egress' ||
          s.kind === 'load-balancer' ||
          s.where?.kind === 'subnet-boundary'),
    )
    .map((s) => s.at);

describe('suggestFix', () => {
  it('fixes the first refusing interface of random denied flows, and never breaks an allowed one', () => {
    fc.assert(
      fc.property(fc.oneof(scenarioWithFlows, aclWorldWithFlows), ([s, flows]) => {
        for (const f of flows) {
          const before = evaluateFlow(s, f);
          const fix = suggestFix(s, f);
          if (before.allowed) {
            expect(fix).toBeNull();
            continue;
          }
          if (!fix) continue;
          const first = refusedAt(before)[0];
          const r = applyFix(s, fix);
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
    const r = fix ? applyFix(s, fix) : null;
    expect(r?.ok && evaluateFlow(r.scenario, flow).allowed).toBe(true);
  });
});

describe('suggestFix at a network ACL', () => {
  const file = path.resolve(
    import.meta.dirname,
    '../test-support/fixtures/engine-cases/nacl-rules.json',
  );
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('nacl-rules.json does not parse');
  const s = parsed.scenario;

  it('opens the reply ports after the entry that almost matched', () => {
    // without entry 120, web's subnet lets no reply in from the app tier
    const r = removeNaclEntry(s, 'acl-web', 'inbound', 120);
    if (!r.ok) throw new Error(r.issue.message);
    const flow = { from: 'i-web1', to: 'i-app', protocol: 'tcp', port: 8080 };
    const before = evaluateFlow(r.scenario, flow);
    expect(before.blockedAt).toBe('nacl-response');
    expect(before.steps.find((st) => st.verdict === 'deny')?.explanation).toContain(
      "rule 100 allows TCP 80, but the reply goes to the client's port 49152",
    );
    const fix = suggestFix(r.scenario, flow);
    expect(fix).toMatchObject({
      kind: 'nacl-entry',
      aclId: 'acl-web',
      direction: 'inbound',
      entry: {
        ruleNumber: 110,
        action: 'allow',
        protocol: 'tcp',
        fromPort: 1024,
        toPort: 65535,
        cidrIpv4: '0.0.0.0/0',
      },
    });
    expect(fix?.label).toBe(
      'Add inbound rule 110: allow TCP 1024-65535 from 0.0.0.0/0 to acl-web (for the reply)',
    );
    const fixed = fix ? applyFix(r.scenario, fix) : null;
    expect(fixed?.ok && evaluateFlow(fixed.scenario, flow).allowed).toBe(true);
  });

  it('says so when the allow must go before a deny entry the user wrote', () => {
    const flow = { from: 'host-bad', to: 'i-web1', protocol: 'tcp', port: 80 };
    const fix = suggestFix(s, flow);
    expect(fix).toMatchObject({
      kind: 'nacl-entry',
      before: 90,
      entry: { ruleNumber: 89, cidrIpv4: '203.0.113.66/32' },
    });
    expect(fix?.label).toContain('before your deny rule 90');
    const fixed = fix ? applyFix(s, fix) : null;
    expect(fixed?.ok && evaluateFlow(fixed.scenario, flow).allowed).toBe(true);
  });
});
