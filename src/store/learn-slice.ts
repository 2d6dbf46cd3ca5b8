/**
 * The learning kind of state: the lesson or challenge under way, and each lesson's progress
 * (kept in the browser's database with Recent scenarios). The learner's world is the ordinary
 * document: the editor, the simulator and undo all work inside a lesson. Goals are judged live by
 * the engine (`checkGoals`) in the selectors; this slice only keeps where the learner is.
 */
import { checkGoals, type SentFlow } from '../engine';
import { flowVerdict } from './selectors';
import type { ProgressEntry } from '../interchange/progress-file';
import { stepSolution, worldBefore } from '../model';
import type { Challenge, Lesson, Scenario } from '../model';
import type { Sent } from './simulation-slice';

/** A lesson's progress: its step, the steps done, the predictions (the progress file's entry). */
export type LessonProgress = ProgressEntry;

export interface ProgressRecord {
  readonly lessons: Readonly<Record<string, LessonProgress>>;
  /** The lesson open when the page was left: a reload goes on there. */
  readonly current: string | null;
  /** The challenge under way when the page was left (its link is no longer in the address). */
  readonly challenge?: { readonly challenge: Challenge; readonly startedAt: number } | null;
}

/** Where progress lives; the app gives IndexedDB, tests a variable. */
export interface ProgressStore {
  load(): Promise<ProgressRecord | undefined>;
  save(record: ProgressRecord): Promise<boolean>;
}

export interface LessonRun {
  readonly kind: 'lesson';
  readonly lesson: Lesson;
  readonly step: number;
  /** How many hints of this step are shown. */
  readonly hints: number;
  /** The learner's answer to this step's prediction, once given. */
  readonly predicted: 'allow' | 'deny' | null;
  /** Flows sent during this step, with what the learner saw. */
  readonly sent: readonly SentFlow[];
}

export interface ChallengeRun {
  readonly kind: 'challenge';
  readonly challenge: Challenge;
  /** Pressed Check at least once (goals hidden until then are shown). */
  readonly checked: boolean;
  readonly startedAt: number;
  readonly doneAt: number | null;
  readonly sent: readonly SentFlow[];
}

export type Activity = LessonRun | ChallengeRun;

export interface LearnState {
  readonly activity: Activity | null;
  readonly progress: ProgressRecord;
  /**
   * Opens a lesson at a step (the first by default) on the world that step starts from; the work
   * open goes into Recent scenarios.
   */
  startLesson(lesson: Lesson, step?: number): void;
  /** Goes on with a lesson on the world open now (after a reload), at its saved step. */
  resumeLesson(lesson: Lesson): void;
  /** The step's goals hold: on to the next, or the lesson is complete. */
  nextStep(): void;
  showHint(): void;
  /** Answers the prediction, then sends its flow so the trace shows why. */
  predict(answer: 'allow' | 'deny'): void;
  /** Replaces the world with the step's reference solution: an edit, so undo takes it back. */
  showSolution(): void;
  /** Back to the lesson's start world and first step (an edit too). */
  resetLesson(): void;
  startChallenge(challenge: Challenge): void;
  /** Goes on with a challenge on the world open now (after a reload). */
  resumeChallenge(challenge: Challenge, startedAt: number): void;
  checkChallenge(): void;
  endActivity(): void;
  /** Replaces all progress (an imported progress file). */
  setProgress(record: ProgressRecord): void;
  /** The progress kept in the browser, read once (at start) and shared by whoever asks. */
  readProgress(): Promise<ProgressRecord>;
  /** Offers the progress as a file, to carry to another machine. */
  downloadProgress(): Promise<void>;
  /** Reads a progress file into the progress kept; false (and why) when it does not read. */
  openProgressFile(name: string, text: string): Promise<boolean>;
}

export const NO_PROGRESS: ProgressRecord = { lessons: {}, current: null };

type Host = LearnState & {
  readonly scenario: Scenario;
  readonly history: readonly Sent[];
  load(scenario: Scenario, source: { readonly label: string }): void;
  replaceWorld(label: string, scenario: Scenario): void;
  send(flow: Sent['flow']): Sent;
  downloadText(fileName: string, text: string): void;
  notify(text: string, tone?: 'info' | 'success' | 'warning' | 'error'): void;
  inspect(target: { flow: Sent['flow']; sentId?: string } | null): void;
};
type Set = (partial: Partial<LearnState>) => void;
type Get = () => Host;

export function learnSlice(set: Set, get: Get, stored: ProgressStore | undefined): LearnState {
  let read: Promise<ProgressRecord> | null = null;
  const saveProgress = (
    lessons: ProgressRecord['lessons'],
    current: string | null,
    challenge: ProgressRecord['challenge'] = null,
  ) => {
    const progress: ProgressRecord = { lessons, current, ...(challenge ? { challenge } : {}) };
    set({ progress });
    void stored?.save(progress);
  };
  const progressOf = (lesson: Lesson): LessonProgress =>
    get().progress.lessons[lesson.id] ?? {
      lessonId: lesson.id,
      step: 0,
      done: [],
      predictions: {},
      completed: false,
      updatedAt: new Date().toISOString(),
    };
  const update = (lesson: Lesson, change: Partial<LessonProgress>) =>
    saveProgress(
      {
        ...get().progress.lessons,
        [lesson.id]: {
          ...progressOf(lesson),
          ...change,
          steps: lesson.steps.length,
          updatedAt: new Date().toISOString(),
        },
      },
      lesson.id,
    );
  const run = (lesson: Lesson, step: number): LessonRun => ({
    kind: 'lesson',
    lesson,
    step,
    hints: 0,
    predicted: null,
    sent: [],
  });
  const lessonRun = (): LessonRun | null => {
    const a = get().activity;
    return a?.kind === 'lesson' ? a : null;
  };

  return {
    activity: null,
    progress: NO_PROGRESS,
    startLesson(lesson, step = 0) {
      const at = Math.max(0, Math.min(step, lesson.steps.length - 1));
      get().load(worldBefore(lesson, at), { label: `the lesson “${lesson.title}”` });
      set({ activity: run(lesson, at) });
      update(lesson, { step: at });
    },
    resumeLesson(lesson) {
      const step = Math.min(progressOf(lesson).step, lesson.steps.length - 1);
      set({ activity: run(lesson, step) });
    },
    nextStep() {
      const a = lessonRun();
      if (!a) return;
      const step = a.lesson.steps[a.step];
      const done = [...new Set([...progressOf(a.lesson).done, ...(step ? [step.id] : [])])];
      const last = a.step >= a.lesson.steps.length - 1;
      if (last) {
        update(a.lesson, { done, completed: true, step: a.step });
        set({ activity: { ...a, hints: 0 } });
        return;
      }
      update(a.lesson, { done, step: a.step + 1 });
      set({ activity: run(a.lesson, a.step + 1) });
    },
    showHint() {
      const a = lessonRun();
      if (a) set({ activity: { ...a, hints: a.hints + 1 } });
    },
    predict(answer) {
      const a = lessonRun();
      const p = a?.lesson.steps[a.step]?.predict;
      if (!a || !p || a.predicted) return;
      set({ activity: { ...a, predicted: answer } });
      const step = a.lesson.steps[a.step];
      if (step)
        update(a.lesson, {
          predictions: {
            ...progressOf(a.lesson).predictions,
            [step.id]: answer === p.answer ? 'right' : 'wrong',
          },
        });
      const sent = get().send(p.flow);
      get().inspect({ flow: sent.flow, sentId: sent.id });
    },
    showSolution() {
      const a = lessonRun();
      const world = a && stepSolution(a.lesson, a.step);
      if (!a || !world) return;
      get().replaceWorld(`Show the solution of “${a.lesson.steps[a.step]?.title}”`, world);
    },
    resetLesson() {
      const a = lessonRun();
      if (!a) return;
      get().replaceWorld(`Reset the lesson “${a.lesson.title}”`, a.lesson.scenario);
      update(a.lesson, { step: 0, done: [], predictions: {}, completed: false });
      set({ activity: run(a.lesson, 0) });
    },
    startChallenge(challenge) {
      get().load(challenge.scenario, { label: `the challenge “${challenge.title}”` });
      get().resumeChallenge(challenge, Date.now());
    },
    resumeChallenge(challenge, startedAt) {
      set({
        activity: {
          kind: 'challenge',
          challenge,
          checked: false,
          startedAt,
          doneAt: null,
          sent: [],
        },
      });
      saveProgress(get().progress.lessons, null, { challenge, startedAt });
    },
    checkChallenge() {
      const a = get().activity;
      if (a?.kind !== 'challenge') return;
      const all = checkGoals(get().scenario, a.challenge.goals, a.sent).every((g) => g.met);
      set({ activity: { ...a, checked: true, doneAt: all ? (a.doneAt ?? Date.now()) : null } });
    },
    endActivity() {
      set({ activity: null });
      saveProgress(get().progress.lessons, null);
    },
    setProgress(record) {
      saveProgress(record.lessons, get().progress.current);
    },
    readProgress() {
      read ??= (stored?.load() ?? Promise.resolve(undefined)).then(
        (record) => {
          if (record) set({ progress: record });
          return get().progress;
        },
        () => {
          get().notify('Lesson progress could not be read in this browser.', 'warning');
          return get().progress;
        },
      );
      return read;
    },
    // the progress file's codec loads when a learner first moves their progress
    async downloadProgress() {
      const { encodeProgress } = await import('../interchange/progress-file');
      get().downloadText('sg-lab-progress.json', encodeProgress(get().progress.lessons));
    },
    async openProgressFile(name, text) {
      const { decodeProgress } = await import('../interchange/progress-file');
      const r = decodeProgress(text);
      if (!r.ok) {
        get().notify(`${name} was not opened: ${r.message} Your progress is unchanged.`, 'error');
        return false;
      }
      const { lessons, current } = get().progress;
      saveProgress({ ...lessons, ...r.lessons }, current);
      get().notify(
        `Opened the progress of ${Object.keys(r.lessons).length} lessons from ${name}.`,
        'success',
      );
      return true;
    },
  };
}

/** A flow just sent during a lesson or challenge: what the learner saw, for `sent` goals. */
export function withSent(a: Activity, scenario: Scenario, flow: Sent['flow']): Activity {
  // the verdict the trace panel shows for it, from the same cache
  const seen: SentFlow = { flow, allowed: flowVerdict(scenario, flow).allowed };
  return { ...a, sent: [...a.sent, seen] };
}
