import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../model';
import { evaluateFlow } from '.';

const scenario = (): Scenario => {
  const r = parseScenario(
    readFileSync(path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json'), 'utf8'),
  );
  if (!r.ok) throw new Error('three-tier does not parse');
  return r.scenario;
};

const withoutOutbound = (s: Scenario, groupId: string): Scenario => ({
  ...s,
  securityGroups: s.securityGroups.map((g) => (g.id === groupId ? { ...g, outbound: [] } : g)),
});

describe('a trace shows only what happened', () => {
  it('after the first blocker, later hops are not reached and never shown as passed', () => {
    const s = withoutOutbound(scenario(), 'sg-bastion');
    const v = evaluateFlow(s, {
      from: 'i-bastion',
      to: 'host-internet',
      protocol: 'tcp',
      port: 443,
    });
    expect(v.allowed).toBe(false);
    expect(v.blockedAt).toBe('egress');
    const [first, ...rest] = v.steps;
    expect(first).toMatchObject({ verdict: 'deny', kind: 'egress' });
    expect(first?.reached).toBeUndefined();
    expect(rest.length).toBeGreaterThan(0);
    for (const step of rest) {
      expect(step.reached).toBe(false);
      expect(step.verdict).not.toBe('allow');
    }
  });

  it('a second blocker is still listed, as not reached', () => {
    const s = withoutOutbound(scenario(), 'sg-bastion');
    const v = evaluateFlow(s, { from: 'i-bastion', to: 'i-db', protocol: 'tcp', port: 5432 });
    const denials = v.steps.filter((x) => x.verdict === 'deny');
    expect(denials.map((d) => [d.kind, d.reached])).toEqual([
      ['egress', undefined],
      ['ingress', false],
    ]);
    expect(v.steps.some((x) => x.verdict === 'allow')).toBe(false);
  });
});
