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
