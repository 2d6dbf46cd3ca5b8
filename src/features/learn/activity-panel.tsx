/**
 * The lesson or challenge under way: the step's text and task, a predict-first moment, the goals
 * turning ✓ live on every edit (words beside the mark, never colour alone), hints one at a time,
 * the solution on request, and Next once the goals hold. A challenge shows its goals (or only how
 * many hold, when the teacher hid them), Check, and a completion the learner can share.
 */
import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { useAppStore } from '../../hooks/use-app-store';
import { endpointLabel, ruleCount, serviceLabel, stepSolution, type Scenario } from '../../model';
import {
  activityGoals,
  challengeLinkOf,
  type ChallengeRun,
  type GoalState,
  type LessonRun,
} from '../../store';
import { LESSONS } from './catalog';
import { Markdown } from './markdown';

export function ActivityPanel() {
  const activity = useAppStore((s) => s.activity);
  if (!activity) return null;
  return (
    <section className="activity" aria-labelledby="activity-title">
      {activity.kind === 'lesson' ? (
        <LessonView run={activity} />
      ) : (
        <ChallengeView run={activity} />
      )}
    </section>
  );
}

function GoalList({ goals, marked = true }: { goals: readonly GoalState[]; marked?: boolean }) {
  return (
    <ul className="goals" aria-label="Goals">
      {goals.map((g, i) => (
        <li key={i} className={marked ? (g.met ? 'met' : 'open') : 'open'}>
          <span className="goal-mark" aria-hidden="true">
            {marked ? (g.met ? '✓' : '○') : '•'}
          </span>
          <span>
            {g.label}
            {marked && <span className="sr-only">{g.met ? ': done' : ': not yet'}</span>}
            {marked && !g.met && g.detail && <span className="muted small"> — {g.detail}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function LessonView({ run }: { run: LessonRun }) {
  const scenario = useAppStore((s) => s.scenario);
  const goals = useAppStore(activityGoals);
  const progress = useAppStore((s) => s.progress.lessons[run.lesson.id]);
  const nextStep = useAppStore((s) => s.nextStep);
  const showHint = useAppStore((s) => s.showHint);
  const predict = useAppStore((s) => s.predict);
  const showSolution = useAppStore((s) => s.showSolution);
  const resetLesson = useAppStore((s) => s.resetLesson);
  const endActivity = useAppStore((s) => s.endActivity);
  const openDialog = useAppStore((s) => s.openDialog);
  const startLesson = useAppStore((s) => s.startLesson);
  const [asking, setAsking] = useState<'solution' | 'reset' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { lesson } = run;
  const step = lesson.steps[run.step];
  // a new step: the eye (and the screen reader) goes to its title
  useEffect(() => heading.current?.focus(), [run.step, lesson.id]);
  if (!step) return null;
  const index = LESSONS.findIndex((l) => l.id === lesson.id);
  const allMet = goals.every((g) => g.met);
  const last = run.step === lesson.steps.length - 1;
  const completed = !!progress?.completed && last && allMet;
  const waitingForPrediction = !!step.predict && !run.predicted;
  const reference = stepSolution(lesson, run.step);
  const next = LESSONS[index + 1];
  return (
    <>
      <div className="activity-head">
        <p className="muted small">
          Lesson {index + 1} of {LESSONS.length} · step {run.step + 1} of {lesson.steps.length}
        </p>
        <div className="activity-tools">
          <button type="button" onClick={() => openDialog('lessons')}>
            Lessons
          </button>
          <button type="button" onClick={endActivity}>
            Exit lesson
          </button>
        </div>
      </div>
      <h2 id="activity-title" ref={heading} tabIndex={-1}>
        {step.title}
      </h2>
      <ol className="step-dots" aria-label={`${lesson.title}: steps`}>
        {lesson.steps.map((s, i) => (
          <li
            key={s.id}
            className={i === run.step ? 'current' : progress?.done.includes(s.id) ? 'done' : ''}
            aria-current={i === run.step ? 'step' : undefined}
          >
            <span className="sr-only">
              Step {i + 1}: {s.title}
              {progress?.done.includes(s.id) ? ' (done)' : ''}
            </span>
          </li>
        ))}
      </ol>
      <div className="lesson-text">
        <Markdown text={step.text} />
      </div>
      {step.task && (
        <p className="task">
          <strong>Task:</strong> {step.task}
        </p>
      )}
      {step.predict && (
        <Prediction
          scenario={scenario}
          predict={step.predict}
          answer={run.predicted}
          onAnswer={predict}
        />
      )}
      {!waitingForPrediction && <GoalList goals={goals} />}
      {step.hints && step.hints.length > 0 && (
        <div className="hints">
          {step.hints.slice(0, run.hints).map((h, i) => (
            <p key={i} className="hint">
              <strong>Hint {i + 1}:</strong> {h}
            </p>
          ))}
          {run.hints < step.hints.length && (
            <button type="button" onClick={showHint}>
              {run.hints === 0 ? 'Show a hint' : 'Another hint'} ({run.hints + 1} of{' '}
              {step.hints.length})
            </button>
          )}
        </div>
      )}
      {allMet && reference && (
        <p className="muted small">
          Your world has {ruleCount(scenario)} rules in all; the reference solution has{' '}
          {ruleCount(reference)}.
        </p>
      )}
      {asking ? (
        <div className="confirm" role="alertdialog" aria-label="Are you sure?">
          <p>
            {asking === 'solution'
              ? 'Replace your world with the reference solution of this step? Undo brings yours back.'
              : 'Start the lesson again from its first step? Undo brings your world back.'}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              if (asking === 'solution') showSolution();
              else resetLesson();
              setAsking(null);
            }}
          >
            {asking === 'solution' ? 'Show the solution' : 'Reset the lesson'}
          </button>{' '}
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="dialog-actions lesson-actions">
          {completed ? (
            <>
              <p className="done-line" role="status">
                ✓ Lesson complete.
              </p>
              {next && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => void next.load().then(startLesson)}
                >
                  Next lesson: {next.title}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={!allMet || waitingForPrediction}
              onClick={nextStep}
              title={allMet ? undefined : 'Every goal must hold first'}
            >
              {last ? 'Finish the lesson' : 'Next step'}
            </button>
          )}
          {reference && !completed && (
            <button type="button" onClick={() => setAsking('solution')}>
              Show solution
            </button>
          )}
          <button type="button" onClick={() => setAsking('reset')}>
            Reset lesson
          </button>
        </div>
      )}
    </>
  );
}

function Prediction({
  scenario,
  predict,
  answer,
  onAnswer,
}: {
  scenario: Scenario;
  predict: NonNullable<LessonRun['lesson']['steps'][number]['predict']>;
  answer: 'allow' | 'deny' | null;
  onAnswer: (a: 'allow' | 'deny') => void;
}) {
  const f = predict.flow;
  const flow = `${endpointLabel(scenario, f.from)} → ${endpointLabel(scenario, f.to)} on ${serviceLabel(f)}`;
  const word = (a: 'allow' | 'deny') => (a === 'allow' ? 'ALLOWED' : 'DENIED');
  return (
    <div className="predict">
      <p>
        <strong>Predict first:</strong> {flow} will be…
      </p>
      {answer === null ? (
        <div className="dialog-actions" role="group" aria-label="Your prediction">
          <button type="button" onClick={() => onAnswer('allow')}>
            ALLOWED
          </button>
          <button type="button" onClick={() => onAnswer('deny')}>
            DENIED
          </button>
        </div>
      ) : (
        <p role="status" className={answer === predict.answer ? 'right' : 'wrong'}>
          You said {word(answer)}: {answer === predict.answer ? 'right' : 'not this time'}. It is{' '}
          {word(predict.answer)}. {predict.why} The trace in Traffic shows each check.
        </p>
      )}
    </div>
  );
}

function elapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

function ChallengeView({ run }: { run: ChallengeRun }) {
  const scenario = useAppStore((s) => s.scenario);
  const goals = useAppStore(activityGoals);
  const check = useAppStore((s) => s.checkChallenge);
  const endActivity = useAppStore((s) => s.endActivity);
  const [link, setLink] = useState<string | null>(null);
  const { challenge } = run;
  const hidden = !!challenge.hideGoalsUntilChecked;
  const metCount = goals.filter((g) => g.met).length;
  const done = run.doneAt !== null;
  useEffect(() => {
    if (!done) return;
    // the challenge with the learner’s world in it, goals shown: a teacher sees their state at once
    const { hideGoalsUntilChecked: _h, ...open } = challenge;
    void challengeLinkOf({ ...open, scenario }).then((f) =>
      setLink(`${location.origin}${location.pathname}${f}`),
    );
  }, [done, challenge, scenario]);
  return (
    <>
      <div className="activity-head">
        <p className="muted small">Challenge</p>
        <div className="activity-tools">
          <button type="button" onClick={endActivity}>
            Exit challenge
          </button>
        </div>
      </div>
      <h2 id="activity-title" tabIndex={-1}>
        {challenge.title}
      </h2>
      {challenge.text && (
        <div className="lesson-text">
          <Markdown text={challenge.text} />
        </div>
      )}
      {hidden ? (
        <p className="goal-count" role="status">
          {run.checked
            ? `${metCount} of ${goals.length} goals met.`
            : `${goals.length} goals, hidden until you check.`}
        </p>
      ) : (
        <>
          <p className="goal-count" role="status">
            {metCount} of {goals.length} goals met.
          </p>
          <GoalList goals={goals} />
        </>
      )}
      {done ? (
        <div className="completion" role="status">
          <p className="done-line">
            ✓ Challenge complete in {elapsed((run.doneAt ?? 0) - run.startedAt)}.
          </p>
          <p className="small">Your solution as a link (the challenge with your world in it):</p>
          <textarea
            readOnly
            rows={3}
            className="mono share-link"
            value={link ?? ''}
            aria-label="Your solution link"
          />
          <div className="dialog-actions">
            <CopyButton text={link ?? ''} label="Copy the solution link" />
          </div>
        </div>
      ) : (
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={check}>
            Check
          </button>
        </div>
      )}
    </>
  );
}
