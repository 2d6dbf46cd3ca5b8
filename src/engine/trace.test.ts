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

describe('a step says where it happened as data', () => {
  it('every interface check and health check names its owner, subnet and direction', async () => {
    const { loadFixtures } = await import('../test-support/fixtures');
    let seen = 0;
    for (const f of loadFixtures('engine-cases'))
      for (const e of f.expectations)
        for (const st of evaluateFlow(f.scenario, e).steps) {
          if (st.kind !== 'egress' && st.kind !== 'ingress' && st.kind !== 'health') continue;
          seen++;
          expect(st.where?.kind, `${f.file}: ${st.at}`).toBe('interface');
          expect(st.where?.direction).toBe(st.kind === 'egress' ? 'outbound' : 'inbound');
          const owner = [...f.scenario.instances, ...(f.scenario.loadBalancers ?? [])].find(
            (o) => o.id === st.where?.id,
          );
          expect(owner, `${f.file}: ${st.at} names ${st.where?.id}`).toBeDefined();
          expect(f.scenario.subnets.some((s) => s.id === st.where?.subnetId)).toBe(true);
        }
    expect(seen).toBeGreaterThan(50);
  });

  it('the internet gateway and a balancer are places too', () => {
    const v = evaluateFlow(scenario(), {
      from: 'host-internet',
      to: 'lb-shop',
      protocol: 'tcp',
      port: 443,
    });
    expect(v.steps.map((s) => s.where?.kind)).toEqual(
      expect.arrayContaining(['gateway', 'load-balancer', 'interface']),
    );
    expect(v.steps.find((s) => s.where?.kind === 'load-balancer')?.where?.id).toBe('lb-shop');
  });
});
