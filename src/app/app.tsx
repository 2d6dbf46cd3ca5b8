import { lazy, Suspense, useEffect } from 'react';
import { ExpectationsPanel } from '../features/expectations/expectations-panel';
import { FindingsPanel } from '../features/findings/findings-panel';
import { Navigator } from '../features/navigator/navigator';
import { TopologyView } from '../features/topology/topology-view';
import { PanelBoundary } from '../components/panel-boundary';
import { FileDrop } from '../features/share/file-drop';
import { useAppStore } from '../hooks/use-app-store';
import { AppHeader } from './app-header';
import { DetailsPanel } from './details-panel';
import { MobileTabs } from './mobile-tabs';
import { NoticeBar } from './notice-bar';
import { RenderMark } from './render-mark';
import { useShortcuts } from './use-shortcuts';

// the sharing dialogs load when first opened
// Help (the welcome, the glossary, the legend) loads when first opened
const HelpDialog = lazy(() => import('./help-dialog').then((m) => ({ default: m.HelpDialog })));
const Dialogs = lazy(() => import('./share-dialogs').then((m) => ({ default: m.ShareDialogs })));

// a lesson's or challenge's panel loads when one starts
const ActivityPanel = lazy(() =>
  import('../features/learn/activity-panel').then((m) => ({ default: m.ActivityPanel })),
);

// the simulator and matrix load after the first paint: the diagram and editor come first
const TrafficPanel = lazy(() =>
  import('./traffic-panel').then((m) => ({ default: m.TrafficPanel })),
);

/**
 * One screen: the world on the left, the diagram in the middle with Traffic docked under it, the
 * details and the checks on the right — Send and the trace always in view. A phone shows one of
 * them at a time, chosen in a bottom tab bar.
 */
export function App() {
  const theme = useAppStore((s) => s.theme);
  const view = useAppStore((s) => s.view);
  const dialog = useAppStore((s) => s.dialog);
  const help = useAppStore((s) => s.help);
  const select = useAppStore((s) => s.select);
  const downloadWork = useAppStore((s) => s.downloadWork);
  const clearHistory = useAppStore((s) => s.clearHistory);
  const endActivity = useAppStore((s) => s.endActivity);
  const learning = useAppStore((s) => s.activity !== null);
  useShortcuts();
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="shell">
      <nav className="skip-links" aria-label="Skip links">
        <a href="#details-region">Skip to details</a>
        <a href="#traffic-region">Skip to traffic</a>
        <a href="#topology-title">Skip to the diagram</a>
      </nav>
      <AppHeader />
      <main className="layout" data-view={view} data-learning={learning || undefined}>
        <aside className="pane nav-pane" data-for="world">
          <PanelBoundary name="World list" onDownload={downloadWork}>
            <Navigator />
          </PanelBoundary>
        </aside>
        <section className="pane topology-pane" data-for="world" aria-labelledby="topology-title">
          <h2 id="topology-title" tabIndex={-1}>
            Diagram
          </h2>
          <PanelBoundary name="Diagram" onDownload={downloadWork}>
            <TopologyView />
          </PanelBoundary>
        </section>
        <div className="pane traffic-pane" data-for="traffic" id="traffic-region" tabIndex={-1}>
          <PanelBoundary name="Traffic" onReset={clearHistory} onDownload={downloadWork}>
            <Suspense fallback={<p className="empty">Loading the traffic simulator…</p>}>
              <TrafficPanel />
            </Suspense>
          </PanelBoundary>
        </div>
        <aside
          className="pane details-pane"
          data-for="details"
          aria-label="Details"
          id="details-region"
          tabIndex={-1}
        >
          <PanelBoundary name="Details" onReset={() => select(null)} onDownload={downloadWork}>
            <DetailsPanel />
          </PanelBoundary>
        </aside>
        <div className="pane checks-pane" data-for="checks">
          {learning && (
            <PanelBoundary name="Lesson" onReset={endActivity} onDownload={downloadWork}>
              <Suspense fallback={<p className="empty">Loading the lesson…</p>}>
                <ActivityPanel />
              </Suspense>
            </PanelBoundary>
          )}
          <PanelBoundary name="Expectations" onDownload={downloadWork}>
            <ExpectationsPanel />
          </PanelBoundary>
          <PanelBoundary name="Findings" onDownload={downloadWork}>
            <FindingsPanel />
          </PanelBoundary>
        </div>
      </main>
      <MobileTabs />
      <NoticeBar />
      {help !== null && (
        <Suspense fallback={null}>
          <HelpDialog />
        </Suspense>
      )}
      {dialog && (
        <Suspense fallback={null}>
          <Dialogs />
        </Suspense>
      )}
      <FileDrop />
      <RenderMark />
    </div>
  );
}
