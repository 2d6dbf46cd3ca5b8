/** The progress file: out and back equal; a damaged one refused with its reason. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../test-support/mutate';
import { decodeProgress, encodeProgress, type ProgressEntry } from '.';

const entry: ProgressEntry = {
  lessonId: '01-virtual-firewall',
  step: 2,
  done: ['knock', 'open-http'],
  predictions: { knock: 'right' },
  completed: false,
  steps: 3,
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('progress file', () => {
  it('round trip', () => {
    const r = decodeProgress(encodeProgress({ [entry.lessonId]: entry }));
    expect(r.ok && r.lessons).toEqual({ [entry.lessonId]: entry });
  });
  for (const [name, text, says] of [
    ['not JSON', '{', /not valid JSON/],
    ['a scenario', '{"format":"sg-lab.scenario","version":1}', /not an SG Lab progress file/],
    [
      'a bad step',
      '{"format":"sg-lab.progress","version":1,"lessons":{"a":{"step":-1,"done":[]}}}',
      /lessons\.a\.step/,
    ],
    [
      'a bad prediction',
      '{"format":"sg-lab.progress","version":1,"lessons":{"a":{"step":0,"done":[],"predictions":{"x":"maybe"}}}}',
      /"right" or "wrong"/,
    ],
  ] as const)
    it(`refuses ${name}`, () => {
      const r = decodeProgress(text);
      expect(!r.ok && r.message).toMatch(says);
    });
  it('fuzz: never throws', () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        decodeProgress(t);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
