/** Load balancers from `aws elbv2 describe-*` outputs: the reference's examples, in any order. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../engine';
import { hasErrors, parseScenario } from '../model';
import { FIXTURES } from '../test-support/fixtures';
import { fuzzRuns, mutated } from '../test-support/mutate';
import { importAws } from '.';

const folder = path.join(FIXTURES, 'aws-cli-examples', 'elbv2');
const file = (name: string) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') });
const samples = readdirSync(folder)
  .filter((f) => f.startsWith('describe-'))
  .map(file);
const notesOf = (r: ReturnType<typeof importAws>) =>
  r.notes.map((n) => `${n.file}: ${n.message}`).join('\n');

describe('import aws: load balancers', () => {
  it('the reference examples alone: the balancer, its listeners, and notes for what is missing', () => {
    const r = importAws(samples);
    if (!r.ok) throw new Error(notesOf(r));
    const lb = r.scenario.loadBalancers?.[0];
    expect(lb).toMatchObject({
      id: 'my-load-balancer',
      type: 'application',
      scheme: 'internet-facing',
      securityGroupIds: ['sg-5943793c'],
      listeners: [
        { protocol: 'HTTPS', port: 443, targetPort: 80 },
        { protocol: 'HTTP', port: 80, targetPort: 80 },
      ],
      healthCheck: { protocol: 'HTTP', port: 80 },
    });
    const notes = notesOf(r);
    expect(notes).toMatch(
      /describe-target-groups\.output2\.json: is a list, the shape of a --query/,
    );
    expect(notes).toMatch(/its subnet subnet-8360a9e7 is not in the files/);
    expect(notes).toMatch(/target i-ceddcd4d is not in the files \(add describe-instances\)/);
    expect(notes).toMatch(/sg-5943793c is referenced but not in the files/);
  });

  it('with the account around it: targets from describe-target-health, traffic end to end', () => {
    for (const files of [
      [...samples, file('account.json')],
      [file('account.json'), ...samples].reverse(),
    ]) {
      const r = importAws(files);
      if (!r.ok) throw new Error(notesOf(r));
      const parsed = parseScenario(r.scenario);
      expect(parsed.ok && !hasErrors(parsed.issues)).toBe(true);
      const lb = r.scenario.loadBalancers?.[0];
      expect(lb?.subnetIds).toEqual(['subnet-8360a9e7', 'subnet-b7d581c0']);
      expect([...(lb?.targetInstanceIds ?? [])].sort()).toEqual(['i-0f76fade', 'i-ceddcd4d']);
      const https = evaluateFlow(r.scenario, {
        from: 'host-internet',
        to: 'my-load-balancer',
        protocol: 'tcp',
        port: 443,
      });
      expect(https.allowed).toBe(true);
      const ssh = evaluateFlow(r.scenario, {
        from: 'host-internet',
        to: 'my-load-balancer',
        protocol: 'tcp',
        port: 22,
      });
      expect(ssh.allowed).toBe(false);
    }
  });

  const lbJson = {
    LoadBalancers: [
      {
        LoadBalancerName: 'edge',
        LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/net/edge/1',
        Type: 'network',
        Scheme: 'internal',
        AvailabilityZones: [{ ZoneName: 'us-west-2a', SubnetId: 'subnet-8360a9e7' }],
      },
      { LoadBalancerName: 'gw', Type: 'gateway', AvailabilityZones: [] },
    ],
  };
  const tgs = {
    TargetGroups: [
      { TargetGroupArn: 'arn:tg/a/1', TargetGroupName: 'tg-a', Port: 8080, TargetType: 'instance' },
      { TargetGroupArn: 'arn:tg/b/2', TargetGroupName: 'tg-b', Port: 8080, TargetType: 'ip' },
    ],
  };
  const listeners = {
    Listeners: [
      {
        LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/net/edge/1',
        Port: 80,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'redirect' }],
      },
      {
        LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/net/edge/1',
        Port: 443,
        Protocol: 'TLS',
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [{ TargetGroupArn: 'arn:tg/a/1' }, { TargetGroupArn: 'arn:tg/b/2' }],
            },
          },
        ],
      },
    ],
  };
  const health = (id: string, state: string) => ({
    TargetHealthDescriptions: [
      { Target: { Id: id, Port: 8080 }, TargetHealth: { State: state, Reason: 'Target.Timeout' } },
    ],
  });
  const json = (name: string, v: unknown) => ({ name, text: JSON.stringify(v) });

  it('says what it does not model, and which health file belongs to which group', () => {
    const r = importAws([
      file('account.json'),
      json('lbs.json', lbJson),
      json('tgs.json', tgs),
      json('listeners.json', listeners),
      json('tg-a.json', health('i-ceddcd4d', 'unhealthy')),
      json('targets.json', health('i-0f76fade', 'healthy')),
    ]);
    if (!r.ok) throw new Error(notesOf(r));
    const notes = notesOf(r);
    expect(notes).toMatch(/gw is a gateway load balancer, which SG Lab does not model/);
    expect(notes).toMatch(/listener TCP 80 does not forward to a target group \(a redirect/);
    expect(notes).toMatch(/listener TLS 443 splits traffic over 2 target groups/);
    expect(notes).toMatch(/tg-b has ip targets, which SG Lab does not model/);
    expect(notes).toMatch(/AWS reported target i-ceddcd4d unhealthy \(Target\.Timeout\)/);
    expect(notes).toMatch(/targets\.json: describe-target-health does not say which target group/);
    expect(r.scenario.loadBalancers).toEqual([
      expect.objectContaining({
        id: 'edge',
        type: 'network',
        scheme: 'internal',
        securityGroupIds: [],
        listeners: [{ protocol: 'TLS', port: 443, targetPort: 8080 }],
        targetInstanceIds: ['i-ceddcd4d'],
      }),
    ]);
  });
});

describe('import aws: load balancers, fuzzed', () => {
  it('damaged elbv2 outputs never throw, and what comes back loads and evaluates', () => {
    const texts = samples.map((f) => JSON.parse(f.text) as unknown);
    fc.assert(
      fc.property(
        fc
          .constantFrom(...texts.keys())
          .chain((i) => mutated(fc.constant(texts[i])).map((d) => [i, d] as const)),
        ([i, damaged]) => {
          const files = samples.map((f, k) => ({
            name: f.name,
            text: JSON.stringify(k === i ? damaged : texts[k]) ?? '',
          }));
          const r = importAws([file('account.json'), ...files]);
          if (!r.ok) return;
          expect(parseScenario(r.scenario).ok).toBe(true);
          const lb = r.scenario.loadBalancers?.[0];
          if (lb)
            evaluateFlow(r.scenario, {
              from: 'host-internet',
              to: lb.id,
              protocol: 'tcp',
              port: 443,
            });
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});
