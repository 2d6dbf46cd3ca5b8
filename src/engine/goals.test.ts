/** checkGoals, data-driven from fixtures/goal-cases; lesson verify over every built-in lesson. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Goal, type Lesson } from '../model';
import { parseLesson } from '../model/lesson';
import { FIXTURES } from '../test-support/fixtures';
import { checkGoals, verifyLesson, type SentFlow } from '.';

interface GoalCase {
  readonly goal: Goal;
  readonly met: boolean;
  readonly label?: string;
  readonly detail?: string;
}

const folder = path.join(FIXTURES, 'goal-cases');
for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
  const doc = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as {
    scenario: unknown;
    sent: SentFlow[];
    cases: GoalCase[];
  };
  const parsed = parseScenario(doc.scenario);
  if (!parsed.ok) throw new Error(`${file}: the scenario does not load`);
  describe(`goals: ${file}`, () => {
    doc.cases.forEach((c, i) => {
      it(`#${i} ${c.goal.kind} → ${c.met ? 'met' : 'not met'}`, () => {
        const [state] = checkGoals(parsed.scenario, [c.goal], doc.sent);
        expect(state?.met).toBe(c.met);
        if (c.label) expect(state?.label).toContain(c.label);
        if (c.detail) expect(state?.detail).toBe(c.detail);
        if (!c.met) expect(state?.detail).toBeTruthy();
      });
    });
    it('the order of goals never changes a verdict', () => {
      const goals = doc.cases.map((c) => c.goal);
      const forward = checkGoals(parsed.scenario, goals, doc.sent).map((s) => s.met);
      const backward = checkGoals(parsed.scenario, [...goals].reverse(), doc.sent).map(
        (s) => s.met,
      );
      expect(backward.reverse()).toEqual(forward);
    });
  });
}

const lessonsDir = path.resolve(import.meta.dirname, '../content/lessons');
const builtIn = readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const r = parseLesson(readFileSync(path.join(lessonsDir, f), 'utf8'));
    if (!r.ok)
      throw new Error(`${f}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    return r.value;
  });

describe('lesson verify', () => {
  it('there are thirteen built-in lessons (one per point of the notes, then security groups or network ACLs), in order, each teaching as the issues ask', () => {
    expect(builtIn.map((l) => l.id.slice(0, 2))).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(builtIn[12]?.id).toBe('13-sg-or-nacl');
    for (const l of builtIn) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(
        l.steps.some((s) => s.predict),
        `${l.id} has a predict-first moment`,
      ).toBe(true);
      for (const s of l.steps)
        expect(s.hints?.length, `${l.id}/${s.id} has hints`).toBeGreaterThan(0);
    }
  });

  for (const l of builtIn)
    it(`${l.id} passes`, () => {
      const v = verifyLesson(l);
      expect(v.steps.flatMap((s) => s.problems.map((p) => `${s.id}: ${p}`))).toEqual([]);
    });

  const first = builtIn[0] as Lesson;
  it('refuses a lesson whose solution misses a goal of its last step', () => {
    const broken: Lesson = {
      ...first,
      solution: first.scenario,
      steps: first.steps.map(({ solution: _s, ...s }) => s),
    };
    const v = verifyLesson(broken);
    expect(v.ok).toBe(false);
    expect(v.steps[2]?.problems.join(' ')).toMatch(/does not hold on the world after the step/);
  });

  it('refuses a step that changes the world when no goal failed before it', () => {
    const steps = first.steps.map((s, i) =>
      i === 1 ? { ...s, goals: s.goals.filter((g) => g.kind === 'rules') } : s,
    );
    const v = verifyLesson({ ...first, steps });
    expect(v.steps[1]?.problems.join(' ')).toMatch(
      /changes the world, but every goal already holds before it/,
    );
  });

  it('refuses a predict-first answer the engine contradicts', () => {
    const steps = first.steps.map((s, i) =>
      i === 0 && s.predict ? { ...s, predict: { ...s.predict, answer: 'allow' as const } } : s,
    );
    expect(verifyLesson({ ...first, steps }).steps[0]?.problems.join(' ')).toMatch(
      /predicts ALLOW, but the flow is DENIED/,
    );
  });
});
