/** Following one (node, target) pair changes the path the trace walks, never the verdict. */
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../test-support/fixtures';
import { compile } from './compile';
import { evaluateDetail } from './evaluate';

describe('a balancer pair followed', () => {
  const fx = loadFixtures('engine-cases').find((f) => f.file === 'lb-pairs.json');
  if (!fx) throw new Error('lb-pairs.json is missing');
  const c = compile(fx.scenario);
  const flow = { from: 'internet', to: 'alb-ab', protocol: 'tcp', port: 443 };

  it('walks the pair asked for, and the flow stays denied where another pair drops it', () => {
    const plain = evaluateDetail(c, flow).verdict;
    for (const pair of plain.pairs ?? []) {
      const v = evaluateDetail(c, flow, pair).verdict;
      expect({ allowed: v.allowed, blockedAt: v.blockedAt, pairs: v.pairs }).toEqual({
        allowed: plain.allowed,
        blockedAt: plain.blockedAt,
        pairs: plain.pairs,
      });
      const sent = v.steps.find((s) => s.explanation.includes('sends the request to'));
      expect(sent?.explanation).toContain(`sends the request to ${pair.targetId}`);
    }
  });
});

describe('a zone that is down', () => {
  const fx = loadFixtures('engine-cases').find((f) => f.file === 'lb-zone-unavailable.json');
  if (!fx) throw new Error('lb-zone-unavailable.json is missing');
  const c = compile(fx.scenario);
  const said = (to: string, port: number) =>
    evaluateDetail(c, { from: 'internet', to, protocol: 'tcp', port }).verdict.steps.map(
      (s) => s.explanation,
    );

  it('takes its node with it, and the trace says so before any pair', () => {
    const steps = said('nlb', 8443);
    expect(steps[0]).toBe(
      "us-east-1a is down: DNS no longer returns nlb's node there, so clients reach it in us-east-1b only.",
    );
    expect(steps.join('\n')).not.toContain('node in us-east-1a sends');
  });

  it('names the zone when it was the only one, and a target there as down, not stopped', () => {
    expect(said('nlb-only-a', 8443)).toContain(
      'Every zone nlb-only-a enables is down (us-east-1a): DNS returns no node, so nothing answers.',
    );
    expect(said('alb', 443).join('\n')).toContain(
      'app-a (us-east-1a) is unhealthy: app-a is in us-east-1a, a zone that is down.',
    );
  });
});
