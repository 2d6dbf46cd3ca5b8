/** `terraform show -json` → scenario: a plan (ids unknown, references followed) and a state. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../engine';
import { hasErrors, parseScenario, type Scenario } from '../model';
import { FIXTURES } from '../test-support/fixtures';
import { damagedText, fuzzRuns, mutated } from '../test-support/mutate';
import { importTerraform } from '.';

const file = (name: string) => ({
  name,
  text: readFileSync(path.join(FIXTURES, 'terraform', name), 'utf8'),
});
const notesOf = (r: ReturnType<typeof importTerraform>) => r.notes.map((n) => n.message).join('\n');

function imported(name: string): { scenario: Scenario; notes: string } {
  const r = importTerraform(file(name));
  if (!r.ok) throw new Error(notesOf(r));
  const again = parseScenario(r.scenario);
  expect(again.ok && !hasErrors(again.issues)).toBe(true);
  return { scenario: r.scenario, notes: notesOf(r) };
}

/** What the shop's Terraform means, as flows: the same in the plan and in the state. */
function behaves(s: Scenario, ids: { lb: string; web: string }) {
  const verdict = (to: string, port: number, from = 'host-internet') =>
    evaluateFlow(s, { from, to, protocol: 'tcp', port }).allowed;
  expect(verdict(ids.lb, 443)).toBe(true);
  expect(verdict(ids.lb, 80)).toBe(false); // the HTTP listener only redirects: not modelled
  expect(verdict(ids.web, 8080)).toBe(false); // private subnet, no public address
}

describe('import terraform', () => {
  it('a plan: ids named after addresses, references followed, unknowns named', () => {
    const { scenario: s, notes } = imported('shop.plan.json');
    expect(s.vpcs).toEqual([{ id: 'vpc-main', cidr: '10.20.0.0/16', name: 'shop' }]);
    expect(s.subnets.map((x) => [x.id, x.vpcId, x.public])).toEqual([
      ['subnet-public-a', 'vpc-main', true],
      ['subnet-public-b', 'vpc-main', true],
      ['subnet-app-a', 'vpc-main', false],
      ['subnet-app-b', 'vpc-main', false],
    ]);
    const web = s.securityGroups.find((g) => g.id === 'sg-web');
    expect(web?.inbound.map((r) => r.referencedGroupId ?? r.cidrIpv4).sort()).toEqual([
      '198.51.100.77/32',
      'sg-alb',
    ]);
    expect(s.securityGroups.find((g) => g.id === 'sg-alb')?.outbound).toEqual([
      expect.objectContaining({ protocol: 'tcp', fromPort: 8080, referencedGroupId: 'sg-web' }),
    ]);
    expect(s.instances.map((i) => [i.id, i.securityGroupIds])).toEqual([
      ['i-web-0', ['sg-web']],
      ['i-web-1', ['sg-web']],
    ]);
    expect(s.loadBalancers?.[0]).toMatchObject({
      id: 'shop-alb',
      subnetIds: ['subnet-public-a', 'subnet-public-b'],
      securityGroupIds: ['sg-alb'],
      listeners: [{ protocol: 'HTTPS', port: 443, targetPort: 8080 }],
      targetInstanceIds: ['i-web-0', 'i-web-1'],
      healthCheck: { protocol: 'HTTP', port: 8080 },
    });
    expect(notes).toMatch(/10 resources have no AWS id yet \(computed at apply\)/);
    expect(notes).toMatch(
      /aws_instance\.web\[0\]: its private IP is chosen at apply; SG Lab gave it 10\.20\.11\.4/,
    );
    expect(notes).toMatch(
      /subnet_id is one of aws_subnet\.app_a, aws_subnet\.app_b, decided at apply/,
    );
    expect(notes).toMatch(/aws_lb_listener\.http_redirect: does not forward to a target group/);
    expect(notes).toMatch(/aws_route_table: not modelled/);
    expect(notes).toMatch(/aws_internet_gateway: not modelled/);
    behaves(s, { lb: 'shop-alb', web: 'i-web-0' });
  });

  it('a state: AWS ids kept, rules listed both inline and separately kept once with their ids', () => {
    const { scenario: s, notes } = imported('shop.state.json');
    const web = s.securityGroups.find((g) => g.id === 'sg-0a1b2c3d4e5f60102');
    expect(web?.inbound.map((r) => r.id).sort()).toEqual([
      'sgr-0a1b2c3d4e5f60302',
      'sgr-0a1b2c3d4e5f60304',
    ]);
    expect(web?.outbound.map((r) => r.id)).toEqual(['sgr-0a1b2c3d4e5f60303']);
    expect(s.instances.map((i) => [i.id, i.subnetId, i.privateIp])).toEqual([
      ['i-0a1b2c3d4e5f60201', 'subnet-0a1b2c3d4e5f60021', '10.20.11.37'],
      ['i-0a1b2c3d4e5f60202', 'subnet-0a1b2c3d4e5f60022', '10.20.12.81'],
    ]);
    expect(notes).toMatch(/data\.aws_caller_identity: not modelled/);
    expect(notes).not.toMatch(/computed at apply/);
    behaves(s, { lb: 'shop-alb', web: 'i-0a1b2c3d4e5f60201' });
  });

  it('a rule whose protocol is not a text is left out and named (found by the fuzz test)', () => {
    const doc = JSON.parse(file('shop.state.json').text);
    const web = doc.values.root_module.resources.find(
      (r: { address: string }) => r.address === 'aws_security_group.web',
    );
    web.values.egress[0].protocol = { toString: 1 };
    const r = importTerraform({ name: 'x.json', text: JSON.stringify(doc) });
    expect(r.ok).toBe(true);
    expect(notesOf(r)).toMatch(/aws_security_group\.web: a rule whose protocol is not a text/);
  });

  it('refuses what is not terraform show -json, saying what it wants', () => {
    for (const text of ['', '[]', '{"format_version":"1.0"}', '{"values": 3}', 'not json']) {
      const r = importTerraform({ name: 'x.json', text });
      expect(r.ok).toBe(false);
      expect(notesOf(r)).toMatch(/not JSON|terraform show -json/);
    }
  });

  it('fuzz: damaged plans and states never throw, and what comes back loads and evaluates', () => {
    for (const name of ['shop.plan.json', 'shop.state.json']) {
      const doc = JSON.parse(file(name).text);
      fc.assert(
        fc.property(mutated(fc.constant(doc)), (value) => {
          const r = importTerraform({ name, text: JSON.stringify(value) ?? '' });
          if (!r.ok) return;
          expect(parseScenario(r.scenario).ok).toBe(true);
          const [a, b] = r.scenario.instances;
          if (a && b) evaluateFlow(r.scenario, { from: a.id, to: b.id, protocol: 'tcp', port: 22 });
        }),
        { numRuns: fuzzRuns(300) },
      );
      fc.assert(
        fc.property(damagedText(fc.constant(file(name).text)), (text) => {
          const r = importTerraform({ name, text });
          if (r.ok) expect(parseScenario(r.scenario).ok).toBe(true);
        }),
        { numRuns: fuzzRuns(200) },
      );
    }
  });
});
