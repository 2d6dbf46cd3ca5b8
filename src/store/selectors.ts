/** Derived data: computed from the document on demand, cached per scenario object, never stored. */
import { evaluateFlow } from '../engine';
import type { Expectation, FlowVerdict, Scenario } from '../model';

export interface ExpectationResult {
  readonly expectation: Expectation;
  readonly verdict: FlowVerdict;
  readonly pass: boolean;
}

const cache = new WeakMap<Scenario, readonly ExpectationResult[]>();

export function expectationResults(s: Scenario): readonly ExpectationResult[] {
  let hit = cache.get(s);
  if (!hit) {
    hit = (s.expectations ?? []).map((expectation) => {
      const verdict = evaluateFlow(s, expectation);
      return { expectation, verdict, pass: verdict.allowed === (expectation.expect === 'allow') };
    });
    cache.set(s, hit);
  }
  return hit;
}

/** "web-a", "shop-alb", "You (198.51.100.77)": how an endpoint id reads in the UI. */
export function endpointLabel(s: Scenario, ref: string): string {
  const i = s.instances.find((x) => x.id === ref);
  if (i) return i.name ?? i.id;
  const lb = s.loadBalancers?.find((x) => x.id === ref);
  if (lb) return lb.name;
  const h = s.hosts?.find((x) => x.id === ref);
  return h ? h.name : ref;
}
