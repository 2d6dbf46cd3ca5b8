/**
 * `lesson verify` (scenario-format.md, "The command line, in full"): walks the steps in order.
 * The world after step k is the step's own solution; else, for the last step, the lesson's
 * solution; else the world before it. Every goal must hold on the world after its step; a step
 * that changes the world needs a goal that fails before it (or the step teaches nothing); and a
 * predict-first answer must be what the engine says of the world the learner predicts on.
 */
import { stepSolution, type Lesson, type Scenario } from '../model';
import { evaluateFlow } from './evaluate';
import { checkGoals } from './goals';

export interface StepVerdict {
  readonly id: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface LessonVerdict {
  readonly id: string;
  readonly ok: boolean;
  readonly steps: readonly StepVerdict[];
}

const same = (a: Scenario, b: Scenario) => JSON.stringify(a) === JSON.stringify(b);

export function verifyLesson(lesson: Lesson): LessonVerdict {
  let before = lesson.scenario;
  const steps = lesson.steps.map((step, k): StepVerdict => {
    const after = stepSolution(lesson, k) ?? before;
    const problems: string[] = [];
    if (step.goals.length === 0) problems.push('has no goals.');
    for (const g of checkGoals(after, step.goals))
      if (!g.met && g.goal.kind !== 'sent')
        problems.push(
          `goal “${g.label}” does not hold on the world after the step. ${g.detail ?? ''}`.trim(),
        );
    if (!same(before, after)) {
      const teaches = checkGoals(before, step.goals).some((g) => !g.met && g.goal.kind !== 'sent');
      if (!teaches)
        problems.push(
          'changes the world, but every goal already holds before it: nothing asks for the change.',
        );
    }
    if (step.predict) {
      const allowed = evaluateFlow(before, step.predict.flow).allowed;
      if (allowed !== (step.predict.answer === 'allow'))
        problems.push(
          `predicts ${step.predict.answer.toUpperCase()}, but the flow is ${allowed ? 'ALLOWED' : 'DENIED'} on the world the learner predicts on.`,
        );
    }
    before = after;
    return { id: step.id, ok: problems.length === 0, problems };
  });
  return { id: lesson.id, ok: steps.every((s) => s.ok), steps };
}
