/** Reading lessons and challenges: strict, located, never throwing. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutated, fuzzRuns } from '../test-support/mutate';
import { parseChallenge, parseLesson } from './lesson';

const lessonText = readFileSync(
  path.resolve(import.meta.dirname, '../content/lessons/01-virtual-firewall.json'),
  'utf8',
);
const lesson = JSON.parse(lessonText) as Record<string, unknown>;

describe('parseLesson / parseChallenge', () => {
  it('reads a built-in lesson', () => {
    const r = parseLesson(lessonText);
    expect(r.ok && r.value.steps.length).toBe(3);
  });

  const BAD: [string, unknown, string, RegExp][] = [
    ['not JSON', '{', '', /not valid JSON/],
    ['another format', { ...lesson, format: 'sg-lab.scenario' }, 'format', /not an SG Lab lesson/],
    ['a newer version', { ...lesson, version: 2 }, 'version', /version 2, newer/],
    [
      'a goal of unknown kind',
      { ...lesson, steps: [{ id: 'a', title: 'a', text: '', goals: [{ kind: 'magic' }] }] },
      'steps[0].goals[0].kind',
      /must be one of/,
    ],
    [
      'a flow goal without expect',
      {
        ...lesson,
        steps: [
          {
            id: 'a',
            title: 'a',
            text: '',
            goals: [{ kind: 'flow', flow: { from: 'a', to: 'b', protocol: 'tcp' } }],
          },
        ],
      },
      'steps[0].goals[0].flow.expect',
      /allow/,
    ],
    [
      'a bad count',
      {
        ...lesson,
        steps: [
          {
            id: 'a',
            title: 'a',
            text: '',
            goals: [{ kind: 'rules', groupId: 'g', direction: 'inbound', count: { max: -1 } }],
          },
        ],
      },
      'steps[0].goals[0].count.max',
      /whole number/,
    ],
    [
      'a broken start world',
      { ...lesson, scenario: { ...(lesson.scenario as object), vpcs: 3 } },
      'scenario.vpcs',
      /must be an array/,
    ],
  ];
  for (const [name, input, where, says] of BAD)
    it(`refuses ${name}, saying where`, () => {
      const r = parseLesson(input);
      expect(r.ok).toBe(false);
      const issue = !r.ok ? r.issues.find((i) => i.path === where) : undefined;
      expect(issue?.message).toMatch(says);
    });

  it('a challenge needs a title, a scenario and at least one goal', () => {
    const challenge = {
      format: 'sg-lab.challenge',
      version: 1,
      title: 'Lock it down',
      scenario: lesson.scenario,
      goals: [],
    };
    const r = parseChallenge(challenge);
    expect(!r.ok && r.issues[0]?.path).toBe('goals');
    const ok = parseChallenge({
      ...challenge,
      goals: (lesson.steps as { goals: unknown[] }[])[1]?.goals,
      hideGoalsUntilChecked: true,
    });
    expect(ok.ok && ok.value.hideGoalsUntilChecked).toBe(true);
  });

  it('fuzz: a damaged challenge never throws', () => {
    const steps = lesson.steps as { goals: unknown[] }[];
    const challenge = {
      format: 'sg-lab.challenge',
      version: 1,
      title: 'c',
      scenario: lesson.scenario,
      goals: [...(steps[1]?.goals ?? []), { kind: 'no-finding', code: 'X', groupId: 'g' }],
      hideGoalsUntilChecked: true,
    };
    fc.assert(
      fc.property(mutated(fc.constant(challenge)), (value) => {
        const r = parseChallenge(value);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('fuzz: a damaged lesson never throws', () => {
    fc.assert(
      fc.property(mutated(fc.constant(lesson)), (value) => {
        const r = parseLesson(value);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
