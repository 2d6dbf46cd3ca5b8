import { lazy, Suspense, useEffect } from 'react';
import { ExpectationsPanel } from '../features/expectations/expectations-panel';
import { FindingsPanel } from '../features/findings/findings-panel';
import { Navigator } from '../features/navigator/navigator';
import { TopologyView } from '../features/topology/topology-view';
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
          <Navigator />
        </aside>
        <section className="pane topology-pane" aria-labelledby="topology-title">
          <h2 id="topology-title">Diagram</h2>
          <TopologyView />
          <Suspense fallback={<p className="empty">Loading the traffic simulator…</p>}>
            <TrafficPanel />
          </Suspense>
          <div className="below">
            <ExpectationsPanel />
            <FindingsPanel />
          </div>
        </section>
        <aside className="pane details-pane" aria-label="Details">
          <DetailsPanel />
        </aside>
      </main>
      <NoticeBar />
      <RenderMark />
    </div>
  );
}
