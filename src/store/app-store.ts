/**
 * The app's state, built by a factory so every test gets a fresh store (architecture.md). Three
 * kinds: the document (the scenario: undoable, autosaved), the simulation (flows sent: autosaved)
 * and the ui (selection, tabs, theme, the last notice). Derived data lives in selectors.
 */
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Simulation } from '../engine';
import {
  emptyScenario,
  MATRIX_FIRST_SERVICE,
  slug,
  type Direction,
  type EditResult,
  type Scenario,
} from '../model';
import { autosaver, restore, type AutosaveStorage, type Restored } from './autosave';
import { describeChange } from './change-notice';
import { prepareDocument } from './selectors';
import { lintClient, runsInWorker, type LintResult, type WorkerLike } from './lint';
import { reachClient, REACH_IN_WORKER_FROM, type ReachClient } from './reach-client';
import { openInWorker, OPEN_IN_WORKER_BYTES, type OpenWorkerLike } from './open-in-worker';
import type { ImportNote } from '../interchange/aws-import';
import type { BroughtFile } from './open-files';
import { newWorkId, recentSaver, type RecentStore } from './recent';
import { recentSlice, type RecentState } from './recent-slice';
import { learnSlice, withSent, type LearnState, type ProgressStore } from './learn-slice';
import { simulationSlice, type SimulationState } from './simulation-slice';

export type SelectionKind =
  | 'vpc'
  | 'subnet'
  | 'instance'
  | 'load-balancer'
  | 'group'
  | 'host'
  | 'prefix-list'
  | 'network-acl'
  | 'new-group'
  | 'new-instance';

export interface Selection {
  readonly kind: SelectionKind;
  readonly id: string;
}

export type Theme = 'system' | 'light' | 'dark';

/** Which part a phone shows (its bottom tab bar); a desktop shows them all at once. */
export type View = 'world' | 'details' | 'traffic' | 'checks';

export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'success' | 'warning' | 'error';
  readonly actions?: readonly NoticeAction[];
}

export interface DocumentState {
  readonly scenario: Scenario;
  /** What the last edit was, in words: "Undid: …" names it. */
  readonly editLabel: string;
}

/** A large document's first matrix is made ahead after this long without an edit. */
const WARM_AFTER_QUIET_MS = 1000;

export interface AppState extends DocumentState, SimulationState, LearnState, RecentState {
  readonly selection: Selection | null;
  readonly groupTab: Direction;
  readonly view: View;
  /** The Help panel: closed (null), or open at a glossary entry ('' for the top). */
  readonly help: string | null;
  setView(view: View): void;
  /** The Share or Recent scenarios dialog, or none. */
  readonly dialog:
    'share' | 'recent' | 'import' | 'import-report' | 'lessons' | 'create-challenge' | null;
  openDialog(dialog: AppState['dialog']): void;
  /**
   * Opens files picked or dropped: a scenario file, or AWS CLI outputs. What does not load says
   * where and why, and changes nothing; false then.
   */
  openFiles(files: readonly BroughtFile[]): Promise<boolean>;
  /** What the last import could not map as it is (shown in the import report). */
  readonly importReport: readonly ImportNote[] | null;
  openHelp(entry?: string): void;
  closeHelp(): void;
  readonly theme: Theme;
  readonly notice: Notice | null;
  /** The worker's findings for a large document (selectors decide what to show). */
  readonly lint: LintResult | null;
  /** Whether large documents are linted by a worker (else where asked, on the main thread). */
  readonly lintInWorker: boolean;
  /** The matrix worker's client, for the matrices of large documents (null: made in the page). */
  readonly reach: ReachClient | null;
  /**
   * Applies a pure model edit (`name` like `rules/update`, `label` for people). A refused edit
   * changes nothing and comes back with AWS's reason; a done one shows what it changed.
   */
  edit<T>(name: string, label: string, change: (s: Scenario) => EditResult<T>): EditResult<T>;
  /** Replaces the whole world as one edit (a lesson's solution or reset): undo takes it back. */
  replaceWorld(label: string, scenario: Scenario): void;
  select(selection: Selection | null): void;
  setGroupTab(tab: Direction): void;
  setTheme(theme: Theme): void;
  notify(text: string, tone?: Notice['tone'], actions?: readonly NoticeAction[]): void;
  /** Offers the current document as a file (the way out when storage fails). */
  downloadWork(): void;
  /** Offers any text as a file (an export). */
  downloadText(fileName: string, text: string): void;
  dismissNotice(): void;
  undo(): void;
  redo(): void;
  /**
   * Replaces the document (a built-in, a blank VPC): not an edit, so it does not enter undo
   * history, and undo afterwards cannot silently bring the previous one back.
   */
  load(scenario: Scenario, source: { readonly label: string; readonly workId?: string }): void;
  /** Writes the autosave now (when the page is hidden). */
  flushAutosave(): void;
}

export type AppStore = StoreApi<AppState> & {
  readonly temporal: StoreApi<TemporalState<DocumentState>>;
};

export interface StoreDeps {
  /** Where autosave lives; null or absent: no autosave (tests, embedded use). */
  readonly storage?: AutosaveStorage | null;
  readonly autosaveDelayMs?: number;
  /**
   * Puts a stored copy that did not read somewhere safe (IndexedDB in the browser); resolves
   * true once it is kept. Absent or false: the copy stays where it is and autosave waits.
   */
  readonly keepAside?: (raw: string, reason: string) => Promise<boolean>;
  /** Offers text as a file to save (the browser's download). */
  readonly download?: (fileName: string, text: string) => void;
  /** A worker running `lint-worker.ts`, for the findings of large documents. */
  readonly lintWorker?: () => WorkerLike;
  /** A worker running `reach-worker.ts`, for the matrices of large documents (made when first asked). */
  readonly reachWorker?: () => WorkerLike;
  /** A worker running `open-worker.ts`, for files too large to read within a frame. */
  readonly openWorker?: () => OpenWorkerLike;
  /** Recent scenarios (IndexedDB in the app); absent: none are kept. */
  readonly recent?: RecentStore;
  /** This tab's entry in Recent scenarios (kept across reloads of the tab). */
  readonly workId?: string;
  /** Called once the tab's work is saved in Recent scenarios (to tell other tabs). */
  readonly onRecentSaved?: (id: string) => void;
  /** Lesson progress (IndexedDB in the app); absent: progress lasts as long as the page. */
  readonly progress?: ProgressStore;
}

/** Undo keeps at least this many steps (the issue asks for 100). */
export const UNDO_LIMIT = 200;

export function createAppStore(initial?: Scenario, deps: StoreDeps = {}): AppStore {
  const storage = deps.storage ?? null;
  const restored = storage ? restore(storage) : ({ kind: 'none' } as const);
  const start =
    restored.kind === 'ok' ? restored.saved : { scenario: initial ?? emptyScenario(), flows: [] };
  let noticeId = 0;
  let simRef: (() => Simulation) | null = null;
  let toldUndoLimit = false;
  const showReport: NoticeAction = {
    label: 'Show the import report',
    run: () => store.getState().openDialog('import-report'),
  };
  const notice = (
    text: string,
    tone: Notice['tone'],
    actions?: readonly NoticeAction[],
  ): Notice => ({ id: ++noticeId, text, tone, ...(actions ? { actions } : {}) });

  const store = createStore<AppState>()(
    temporal(
      (set, get) => {
        const { sim: _sim, ...simulation } = simulationSlice(set, get, start.scenario, start.flows);
        simRef = _sim;
        const learning = learnSlice(set, get, deps.progress);
        return {
          ...learning,
          scenario: start.scenario,
          editLabel:
            restored.kind === 'ok' ? 'Restored your autosaved work' : 'Opened the scenario',
          ...simulation,
          selection: null,
          groupTab: 'inbound',
          view: 'world',
          help: null,
          setView: (view) => set({ view }),
          dialog: null,
          openDialog: (dialog) => set({ dialog }),
          importReport: null,
          async openFiles(files) {
            const bytes = files.reduce((n, f) => n + (f.size ?? f.bytes.length), 0);
            const far = deps.openWorker && bytes >= OPEN_IN_WORKER_BYTES;
            if (far)
              set({
                notice: notice(
                  `Reading ${files.length === 1 ? (files[0]?.name ?? 'the file') : `${files.length} files`} (${(bytes / 1e6).toFixed(1)} MB)…`,
                  'info',
                ),
              });
            const r =
              far && deps.openWorker
                ? await openInWorker(deps.openWorker, files)
                : // the importers load when files first arrive: the first paint does not wait for them
                  (await import('./open-files')).openFiles(files);
            const report = r.notes.length > 0 ? r.notes : null;
            if (!r.ok) {
              set({
                importReport: report,
                notice: notice(
                  `${r.message} Your work is unchanged.`,
                  'error',
                  report ? [showReport] : undefined,
                ),
              });
              return false;
            }
            if (r.challenge) get().startChallenge(r.challenge);
            else if (r.lesson) get().startLesson(r.lesson);
            else {
              // a large account: what its first render asks for is made first, step by step
              if (far) {
                const reading = get().notice?.text ?? '';
                await prepareDocument(
                  r.scenario,
                  (label) => set({ notice: notice(`${reading} Opening it: ${label}…`, 'info') }),
                  { lintInWorker: get().lintInWorker },
                );
              }
              get().load(r.scenario, { label: r.label });
            }
            if (report) {
              const n = get().notice;
              set({
                importReport: report,
                notice: notice(
                  `${n?.text ?? ''} ${report.length} thing${report.length === 1 ? '' : 's'} could not be mapped as they are: see the report.`,
                  'warning',
                  [showReport, ...(n?.actions ?? [])],
                ),
              });
            }
            return true;
          },
          openHelp: (entry = '') => set({ help: entry }),
          closeHelp: () => set({ help: null }),
          theme: 'system',
          lint: null,
          lintInWorker: !!deps.lintWorker,
          reach: deps.reachWorker ? reachClient(deps.reachWorker) : null,
          notice:
            restored.kind === 'unreadable'
              ? notice(
                  `Your autosaved work could not be restored (${restored.reason}); this scenario opened instead. Keeping the stored copy aside…`,
                  'warning',
                )
              : restored.kind === 'ok'
                ? notice(
                    restored.partial
                      ? `Restored your autosaved work, but ${restored.partial.reason}. Keeping the original copy aside…`
                      : 'Restored your autosaved work.',
                    restored.partial ? 'warning' : 'info',
                  )
                : null,
          edit(_name, label, change) {
            // the scale test measures from here to the next render of the app (app/render-mark.tsx)
            globalThis.performance?.mark('sg-lab:edit');
            const before = get().scenario;
            const r = change(before);
            if (!r.ok) {
              set({ notice: notice(r.issue.message, 'error') });
              return r;
            }
            if (r.scenario === before) return r;
            const effect = describeChange(before, r.scenario);
            // zundo drops the oldest step silently once the history is full: say so, once
            const full =
              !toldUndoLimit &&
              (store as AppStore).temporal.getState().pastStates.length >= UNDO_LIMIT;
            if (full) toldUndoLimit = true;
            set({
              scenario: r.scenario,
              baseline: before,
              editLabel: label,
              notice: notice(
                `${effect ? `${label}. ${effect.text}.` : `${label}.`}${full ? ` Undo history keeps the last ${UNDO_LIMIT} changes: the oldest is no longer undoable.` : ''}`,
                effect?.tone ?? 'success',
              ),
            });
            return r;
          },
          replaceWorld(label, scenario) {
            get().edit('world/replace', label, () => ({ ok: true, scenario, value: undefined }));
          },
          // on a phone, what was just selected is shown
          select: (selection) => set(selection ? { selection, view: 'details' } : { selection }),
          setGroupTab: (groupTab) => set({ groupTab }),
          setTheme: (theme) => set({ theme }),
          notify: (text, tone = 'info', actions) => set({ notice: notice(text, tone, actions) }),
          downloadText: (fileName, text) => deps.download?.(fileName, text),
          downloadWork() {
            const s = get().scenario;
            deps.download?.(fileNameOf(s.name), `${JSON.stringify(s, null, 2)}\n`);
          },
          dismissNotice: () => set({ notice: null }),
          undo() {
            const { pastStates, undo } = (store as AppStore).temporal.getState();
            if (pastStates.length === 0) return;
            const label = get().editLabel;
            const before = get().scenario;
            undo();
            set({ baseline: before });
            set({ notice: notice(`Undid: ${label}.`, 'info') });
          },
          redo() {
            const { futureStates, redo } = (store as AppStore).temporal.getState();
            if (futureStates.length === 0) return;
            const before = get().scenario;
            redo();
            set({ baseline: before });
            set({ notice: notice(`Redid: ${get().editLabel}.`, 'info') });
          },
          load(scenario, source) {
            // a lesson or challenge ends when another document opens (starting one reopens it)
            if (get().activity) get().endActivity();
            // the work being replaced is kept in Recent scenarios first
            const previous = { id: get().workId, name: get().scenario.name };
            keepWork();
            get().resetSimulation(scenario);
            set({
              scenario,
              // the entry it is saved in: its own when it came from Recent scenarios
              workId: source.workId ?? newWorkId(),
              editLabel: `Opened ${source.label}`,
              selection: null,
              notice: notice(
                `Opened ${source.label}.${deps.recent ? ` Your previous work, “${previous.name}”, is in Recent scenarios.` : ''}`,
                'info',
                deps.recent
                  ? [
                      {
                        label: `Back to “${previous.name}”`,
                        run: () => void get().openRecent(previous.id),
                      },
                    ]
                  : undefined,
              ),
            });
            (store as AppStore).temporal.getState().clear();
          },
          ...recentSlice(set, get, deps.recent, deps.workId, (text, tone) => notice(text, tone)),
          flushAutosave: () => saver?.hide(),
        };
      },
      {
        partialize: (s): DocumentState => ({ scenario: s.scenario, editLabel: s.editLabel }),
        equality: (a, b) => a.scenario === b.scenario,
        limit: UNDO_LIMIT,
      },
    ),
  ) as AppStore;

  // rules changed (an edit, an undo): tracked connections survive, untracked ones are re-judged
  store.subscribe((s, prev) => {
    if (s.scenario === prev.scenario || !simRef) return;
    simRef().setScenario(s.scenario);
    store.setState({ simVersion: s.simVersion + 1 });
  });

  // on a phone, a lesson or challenge that starts is shown (its panel heads the checks)
  store.subscribe((s, prev) => {
    if (s.activity && !prev.activity) store.setState({ view: 'checks' });
  });

  // a flow sent during a lesson or challenge is remembered with what the learner saw
  store.subscribe((s, prev) => {
    if (!s.activity || s.history === prev.history || s.history.length <= prev.history.length)
      return;
    let activity = s.activity;
    for (const sent of s.history.slice(prev.history.length))
      activity = withSent(activity, s.scenario, sent.flow);
    store.setState({ activity });
  });

  if (deps.progress) void store.getState().readProgress();

  // on a phone, a trace to read (a flow sent, a cell or expectation opened) shows Traffic; a
  // prediction answered in the lesson keeps the lesson in view (its answer says where the trace is)
  store.subscribe((s, prev) => {
    if (!s.inspected || s.inspected === prev.inspected) return;
    if (s.activity && s.view === 'checks') return;
    store.setState({ view: 'traffic' });
  });

  if (deps.lintWorker) {
    // a large document's first matrix is made ahead, once its lint is answered and a second
    // has passed without an edit: sending it to the matrix worker while edits are timed made them
    // 10-20 ms slower at 10,000 instances (the page copies it, the worker takes a core)
    let warmed: Scenario['instances'] | null = null;
    let warmTimer: ReturnType<typeof setTimeout> | undefined;
    const warm = () => {
      const { reach, scenario, lint } = store.getState();
      if (!reach || lint?.scenario !== scenario || scenario.instances === warmed) return;
      if (scenario.instances.length < REACH_IN_WORKER_FROM) return;
      warmed = scenario.instances;
      reach.warm(scenario, MATRIX_FIRST_SERVICE.service);
    };
    const client = lintClient(deps.lintWorker(), (lint) => {
      store.setState({ lint });
      clearTimeout(warmTimer);
      warmTimer = setTimeout(warm, WARM_AFTER_QUIET_MS);
    });
    const lintIfLarge = (s: Scenario) => {
      if (runsInWorker(s)) client.lint(s);
    };
    // the first document goes in a task of its own: copying a large one to the worker takes
    // ~0.1 s at 60,000 instances, which the first render need not wait for
    const first = store.getState().scenario;
    setTimeout(() => {
      if (store.getState().scenario === first) lintIfLarge(first);
    }, 0);
    store.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario) lintIfLarge(s.scenario);
    });
  }

  const downloadAction: NoticeAction = {
    label: 'Download my work',
    run: () => store.getState().downloadWork(),
  };
  const saver = storage
    ? autosaver(storage, deps.autosaveDelayMs ?? 400, (m) =>
        store.getState().notify(m, 'error', deps.download ? [downloadAction] : undefined),
      )
    : null;
  if (saver)
    keepAsideFirst(restored, saver, deps, store.getState().notify, () => {
      // what was restored replaces the copy now kept: the next load reads cleanly
      const s = store.getState();
      saver.save({ scenario: s.scenario, flows: s.history.map((h) => h.flow) });
      saver.flush();
    });
  const recent = deps.recent
    ? recentSaver(deps.recent, deps.autosaveDelayMs ?? 400, (id) => deps.onRecentSaved?.(id))
    : null;
  function keepWork() {
    const s = store.getState();
    if (!recent) return;
    recent.save(s.workId, { scenario: s.scenario, flows: s.history.map((h) => h.flow) });
    void recent.flush();
  }
  // the work this tab opened on is one of the recent scenarios from the start
  if (recent) keepWork();
  if (recent)
    store.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario || s.history !== prev.history)
        recent.save(s.workId, { scenario: s.scenario, flows: s.history.map((h) => h.flow) });
    });
  if (saver)
    store.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario || s.history !== prev.history)
        saver.save({ scenario: s.scenario, flows: s.history.map((h) => h.flow) });
    });
  return store;
}

/** "Three-tier web app" → "three-tier-web-app.json". */
export function fileNameOf(name: string): string {
  return `${slug(name, 60) || 'scenario'}.json`;
}

/**
 * A stored copy that did not read (wholly or in part) is put aside before autosave may write over
 * it. Until then autosave is held; when it cannot be kept, the user is offered it as a file and
 * autosave waits for that.
 */
function keepAsideFirst(
  restored: Restored,
  saver: { hold(): void; release(): void },
  deps: StoreDeps,
  notify: AppState['notify'],
  rewrite: () => void,
): void {
  const copy =
    restored.kind === 'unreadable' ? restored : restored.kind === 'ok' ? restored.partial : null;
  if (!copy) return;
  const { raw, reason } = copy;
  saver.hold();
  const resume = () => {
    saver.release();
    rewrite();
  };
  const downloadCopy: NoticeAction = {
    label: 'Download the stored copy',
    run: () => {
      deps.download?.('sg-lab-autosave-kept-aside.json', raw);
      resume();
    },
  };
  const cannotKeep = () =>
    notify(
      `The stored copy (${reason}) could not be kept aside in this browser. Autosave is paused so that nothing overwrites it: download it to keep it, and autosave resumes.`,
      'error',
      deps.download ? [downloadCopy] : undefined,
    );
  if (!deps.keepAside) return cannotKeep();
  deps.keepAside(raw, reason).then((kept) => {
    if (!kept) return cannotKeep();
    resume();
    notify(
      `The stored copy (${reason}) is kept aside in this browser's database: nothing was lost.`,
      'warning',
      deps.download ? [downloadCopy] : undefined,
    );
  }, cannotKeep);
}
