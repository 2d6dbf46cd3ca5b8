/**
 * The worlds a lesson walks through, step by step (scenario-format.md, lesson verify): kept apart
 * from the lesson reader so the store can use them without carrying the reader into the first
 * paint.
 */
import type { Lesson } from './lesson';
import type { Scenario } from './types';

/**
 * The world a lesson's step ends on when the step changes it (scenario-format.md, lesson verify):
 * its own solution, else for the last step the lesson's; undefined when the step changes nothing.
 */
export function stepSolution(lesson: Lesson, step: number): Scenario | undefined {
  const s = lesson.steps[step];
  if (!s) return undefined;
  return s.solution ?? (step === lesson.steps.length - 1 ? lesson.solution : undefined);
}

/**
 * The world a step starts from: the world after the last step before it that changes it, else the
 * lesson's start (lesson verify's walk, which the learner's "Continue" follows too).
 */
export function worldBefore(lesson: Lesson, step: number): Scenario {
  for (let k = step - 1; k >= 0; k--) {
    const w = stepSolution(lesson, k);
    if (w) return w;
  }
  return lesson.scenario;
}
