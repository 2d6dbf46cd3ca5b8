import { lazy, Suspense, useEffect } from 'react';
import { ExpectationsPanel } from '../features/expectations/expectations-panel';
import { FindingsPanel } from '../features/findings/findings-panel';
import { Navigator } from '../features/navigator/navigator';
import { TopologyView } from '../features/topology/topology-view';
import { PanelBoundary } from '../components/panel-boundary';
import { useAppStore } from '../hooks/use-app-store';
import { AppHeader } from './app-header';
import { DetailsPanel } from './details-panel';
import { NoticeBar } from './notice-bar';
import { RenderMark } from './render-mark';
import { useShortcuts } from './use-shortcuts';

// the simulator and matrix load after the first paint: the diagram and editor come first
const TrafficPanel = lazy(() =>
  import('./traffic-panel').then((m) => ({ default: m.TrafficPanel })),
);

export function App() {
  const theme = useAppStore((s) => s.theme);
  // a rules grid needs room: the diagram narrows while a group is open
  const wide = useAppStore((s) => s.selection?.kind === 'group');
  const select = useAppStore((s) => s.select);
  const downloadWork = useAppStore((s) => s.downloadWork);
  const clearHistory = useAppStore((s) => s.clearHistory);
  // a flow that cannot be shown goes: the history is cleared along with it
  const resetTraffic = clearHistory;
  useShortcuts();
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="shell">
      <AppHeader />
      <main className={`layout${wide ? ' wide-details' : ''}`}>
        <aside className="pane nav-pane">
          <PanelBoundary name="World list" onDownload={downloadWork}>
            <Navigator />
          </PanelBoundary>
        </aside>
        <section className="pane topology-pane" aria-labelledby="topology-title">
          <h2 id="topology-title">Diagram</h2>
          <PanelBoundary name="Diagram" onDownload={downloadWork}>
            <TopologyView />
          </PanelBoundary>
          <PanelBoundary name="Traffic" onReset={resetTraffic} onDownload={downloadWork}>
            <Suspense fallback={<p className="empty">Loading the traffic simulator…</p>}>
              <TrafficPanel />
            </Suspense>
          </PanelBoundary>
          <div className="below">
            <PanelBoundary name="Expectations" onDownload={downloadWork}>
              <ExpectationsPanel />
            </PanelBoundary>
            <PanelBoundary name="Findings" onDownload={downloadWork}>
              <FindingsPanel />
            </PanelBoundary>
          </div>
        </section>
        <aside className="pane details-pane" aria-label="Details">
          <PanelBoundary name="Details" onReset={() => select(null)} onDownload={downloadWork}>
            <DetailsPanel />
          </PanelBoundary>
        </aside>
      </main>
      <NoticeBar />
      <RenderMark />
    </div>
  );
}
