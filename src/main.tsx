import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { followAddressBar, isOwnFragment } from './app/address-bar';
import { keepAside, lessonProgress, openAutosave, recentScenarios } from './app/browser-db';
import { isShareFragment, openLink } from './app/open-link';
import { download } from './app/download';
import { WELCOMED_KEY } from './app/welcomed';
import { initialScenario, requestedBuiltIn } from './app/load-initial';
import './app/styles.css';
import { StoreProvider } from './hooks/use-app-store';
import {
  createAppStore,
  prepareDocument,
  type AppStore,
  type OpenWorkerLike,
  type Theme,
  type WorkerLike,
} from './store';

const THEME_KEY = 'sg-lab.theme';
/** This tab's entry in Recent scenarios: kept across its reloads, new in a new tab. */
const WORK_KEY = 'sg-lab.work-id';

/** Until the app renders, #root says what is being prepared (a large world takes a moment). */
function bootProgress(root: HTMLElement | null): (done: number, label?: string) => void {
  return (done, label = 'Generating the large scenario') => {
    if (!root) return;
    let bar = root.querySelector('progress');
    if (!bar) {
      root.innerHTML =
        '<p class="boot" role="status"><span></span> <progress max="1" aria-label="Preparing the scenario"></progress></p>';
      bar = root.querySelector('progress');
    }
    bar?.setAttribute('value', done.toFixed(2));
    const text = root.querySelector('.boot span');
    if (text) text.textContent = `${label}…`;
  };
}

/** From this many instances the first render's work is done ahead, in steps shown on the page. */
const PREPARE_FROM = 1000;

async function start() {
  const progress = bootProgress(document.getElementById('root'));
  const opened = await initialScenario(new URL(window.location.href), (done) => progress(done));
  // a scenario opened by URL never autosaves over the user's own work
  // other tabs say when they save an entry: this one must not go on writing the same one
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('sg-lab') : null;
  const workId = window.sessionStorage.getItem(WORK_KEY) ?? undefined;
  const store = createAppStore(opened.scenario, {
    storage: opened.fromUrl ? null : await openAutosave(window.localStorage),
    keepAside,
    download,
    ...(opened.fromUrl ? {} : { recent: recentScenarios, progress: lessonProgress }),
    ...(workId ? { workId } : {}),
    onRecentSaved: (id) => channel?.postMessage({ saved: id }),
    lintWorker: () =>
      new Worker(new URL('./store/lint-worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as WorkerLike,
    reachWorker: () =>
      new Worker(new URL('./store/reach-worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as WorkerLike,
    openWorker: () =>
      new Worker(new URL('./store/open-worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as OpenWorkerLike,
  });
  if (opened.notice) store.getState().notify(opened.notice, 'info');
  channel?.addEventListener('message', (e: MessageEvent<{ saved?: unknown }>) => {
    if (typeof e.data?.saved === 'string') store.getState().savedElsewhere(e.data.saved);
  });
  window.sessionStorage.setItem(WORK_KEY, store.getState().workId);
  store.subscribe((s, prev) => {
    if (s.workId !== prev.workId) window.sessionStorage.setItem(WORK_KEY, s.workId);
  });
  const fragment = window.location.hash;
  const sent = !opened.fromUrl && isShareFragment(fragment) && !isOwnFragment(fragment);
  if (sent) await openLink(store, fragment);
  const builtIn =
    opened.fromUrl || sent ? undefined : await requestedBuiltIn(new URL(location.href));
  if (builtIn) {
    store.getState().load(await builtIn.scenario(), { label: builtIn.title });
    // a reload must not open it again over the edits made since
    const url = new URL(location.href);
    url.searchParams.delete('scenario');
    history.replaceState(history.state, '', url);
  }
  if (!opened.fromUrl && !sent && !builtIn) await resumeLearning(store);
  if (!opened.fromUrl) followAddressBar(store);
  // a first visit opens with the welcome (what SG Lab is, what to try, the gallery)
  if (!opened.fromUrl && !sent && !builtIn && window.localStorage.getItem(WELCOMED_KEY) === null)
    store.getState().openHelp();
  const theme = window.localStorage.getItem(THEME_KEY);
  if (theme === 'light' || theme === 'dark') store.getState().setTheme(theme as Theme);
  store.subscribe((s, prev) => {
    if (s.theme !== prev.theme) window.localStorage.setItem(THEME_KEY, s.theme);
  });
  window.addEventListener('pagehide', () => store.getState().flushAutosave());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.getState().flushAutosave();
  });
  const first = store.getState().scenario;
  if (first.instances.length >= PREPARE_FROM)
    await prepareDocument(first, (label, done) => progress(done, `Opening it: ${label}`), {
      lintInWorker: store.getState().lintInWorker,
    });
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  // a panel's failure is shown in that panel (PanelBoundary); the console gets a warning, not an error
  const app = createRoot(root, {
    onCaughtError: (error) => console.warn('SG Lab: a panel failed to render:', error),
  });
  // a transition renders in slices of a few milliseconds: a large document's first render was one
  // task of 50-70 ms before its style and layout
  startTransition(() =>
    app.render(
      <StrictMode>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </StrictMode>,
    ),
  );
}

/**
 * A reload in the middle of a lesson or challenge goes on where it was, on the world autosave
 * restored (when that world is still the lesson's: a learner who moved on is not pulled back).
 */
async function resumeLearning(store: AppStore): Promise<void> {
  // the store read the progress when it was made: the same read, not a second one
  const record = await store.getState().readProgress();
  const here = store.getState().scenario.name;
  if (record.challenge && record.challenge.challenge.scenario.name === here) {
    store.getState().resumeChallenge(record.challenge.challenge, record.challenge.startedAt);
    return;
  }
  if (!record.current) return;
  const { LESSONS } = await import('./features/learn/catalog');
  const entry = LESSONS.find((l) => l.id === record.current);
  if (!entry) return;
  const lesson = await entry.load();
  if (lesson.scenario.name === here) store.getState().resumeLesson(lesson);
}

void start();
