/** Expectations belong to the document: added from a sent flow, removed, flipped. */
import { newId } from '../ids';
import type { Expectation, Flow, Scenario } from '../types';
import { allIds, done, refused, type EditResult } from './result';

/** Turns a flow into a must-allow or must-deny expectation (an id keeps it addressable). */
export function addExpectation(
  s: Scenario,
  flow: Flow,
  expect: Expectation['expect'],
  note?: string,
): EditResult<string> {
  const { expect: _e, ...rest } = flow;
  const id = newId('exp', `${JSON.stringify(rest)}|${expect}`, allIds(s));
  const e: Expectation = { ...rest, id, expect, ...(note ? { note } : {}) };
  return done({ ...s, expectations: [...(s.expectations ?? []), e] }, id);
}

export function removeExpectation(s: Scenario, index: number): EditResult {
  const list = s.expectations ?? [];
  if (!list[index])
    return refused('NotFound', 'expectations', `There is no expectation ${index + 1}.`);
  return done({ ...s, expectations: list.filter((_, i) => i !== index) });
}
