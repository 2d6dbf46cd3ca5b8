/**
 * The app's state, built by a factory so every test gets a fresh store (architecture.md). Three
 * kinds: the document (the scenario: undoable, autosaved), the simulation (flows sent: autosaved)
 * and the ui (selection, tabs, theme, the last notice). Derived data lives in selectors.
 */
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Simulation } from '../engine';
import { emptyScenario, type Direction, type EditResult, type Scenario } from '../model';
import { autosaver, restore, type KeyValueStorage } from './autosave';
import { describeChange } from './change-notice';
import { simulationSlice, type SimulationState } from './simulation-slice';

export type SelectionKind =
  | 'vpc'
  | 'subnet'
  | 'instance'
  | 'load-balancer'
  | 'group'
  | 'host'
  | 'prefix-list'
  | 'new-group'
  | 'new-instance';

export interface Selection {
  readonly kind: SelectionKind;
  readonly id: string;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'success' | 'warning' | 'error';
}

export interface DocumentState {
  readonly scenario: Scenario;
  /** What the last edit was, in words: "Undid: …" names it. */
  readonly editLabel: string;
}

export interface AppState extends DocumentState, SimulationState {
  readonly selection: Selection | null;
  readonly groupTab: Direction;
  readonly theme: Theme;
  readonly notice: Notice | null;
  /**
   * Applies a pure model edit (`name` like `rules/update`, `label` for people). A refused edit
   * changes nothing and comes back with AWS's reason; a done one shows what it changed.
   */
  edit<T>(name: string, label: string, change: (s: Scenario) => EditResult<T>): EditResult<T>;
  select(selection: Selection | null): void;
  setGroupTab(tab: Direction): void;
  setTheme(theme: Theme): void;
  notify(text: string, tone?: Notice['tone']): void;
  dismissNotice(): void;
  undo(): void;
  redo(): void;
  /** Writes the autosave now (when the page is hidden). */
  flushAutosave(): void;
}

export type AppStore = StoreApi<AppState> & {
  readonly temporal: StoreApi<TemporalState<DocumentState>>;
};

export interface StoreDeps {
  /** Where autosave lives; null or absent: no autosave (tests, embedded use). */
  readonly storage?: KeyValueStorage | null;
  readonly autosaveDelayMs?: number;
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
  const notice = (text: string, tone: Notice['tone']): Notice => ({ id: ++noticeId, text, tone });

  const store = createStore<AppState>()(
    temporal(
      (set, get) => {
        const { sim: _sim, ...simulation } = simulationSlice(set, get, start.scenario, start.flows);
        simRef = _sim;
        return {
          scenario: start.scenario,
          editLabel:
            restored.kind === 'ok' ? 'Restored your autosaved work' : 'Opened the scenario',
          ...simulation,
          selection: null,
          groupTab: 'inbound',
          theme: 'system',
          notice:
            restored.kind === 'unreadable'
              ? notice(
                  `Your autosaved work could not be restored (${restored.reason}); it is kept aside and this scenario opened instead.`,
                  'error',
                )
              : restored.kind === 'ok'
                ? notice('Restored your autosaved work.', 'info')
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
            set({
              scenario: r.scenario,
              baseline: before,
              editLabel: label,
              notice: notice(
                effect ? `${label}. ${effect.text}.` : `${label}.`,
                effect?.tone ?? 'success',
              ),
            });
            return r;
          },
          select: (selection) => set({ selection }),
          setGroupTab: (groupTab) => set({ groupTab }),
          setTheme: (theme) => set({ theme }),
          notify: (text, tone = 'info') => set({ notice: notice(text, tone) }),
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
          flushAutosave: () => saver?.flush(),
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

  const saver = storage
    ? autosaver(storage, deps.autosaveDelayMs ?? 400, (m) => store.getState().notify(m, 'error'))
    : null;
  if (saver)
    store.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario || s.history !== prev.history)
        saver.save({ scenario: s.scenario, flows: s.history.map((h) => h.flow) });
    });
  return store;
}
