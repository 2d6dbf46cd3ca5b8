/** Traffic: send and trace, the history, connections over time, and the reachability matrix. */
import { useEffect, useState } from 'react';
import { MatrixView } from '../features/matrix/matrix-view';
import { Composer } from '../features/simulator/composer';
import { ConnectionsPanel } from '../features/simulator/connections-panel';
import { HistoryList } from '../features/simulator/history-list';
import { PacketLog } from '../features/simulator/packet-log';
import { TracePanel } from '../features/simulator/trace-panel';
import { useAppStore } from '../hooks/use-app-store';

const TABS = ['send', 'history', 'connections', 'matrix'] as const;
type Tab = (typeof TABS)[number];

export function TrafficPanel() {
  const [tab, setTab] = useState<Tab>('send');
  const sent = useAppStore((s) => s.history.length);
  const inspected = useAppStore((s) => s.inspected);
  // a trace asked for from elsewhere (an expectation, the matrix) opens where it can be read
  useEffect(() => {
    if (!inspected) return;
    setTab((t) => (t === 'history' ? t : 'send'));
  }, [inspected]);
  const labels: Record<Tab, string> = {
    send: 'Send & trace',
    history: `History (${sent})`,
    connections: 'Connections',
    matrix: 'Reachability matrix',
  };
  return (
    <section className="traffic" aria-labelledby="traffic-title">
      <h2 id="traffic-title">Traffic</h2>
      <div role="tablist" aria-label="Traffic" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t}
            id={`traffic-tab-${t}`}
            role="tab"
            type="button"
            aria-selected={t === tab}
            aria-controls={`traffic-panel-${t}`}
            tabIndex={t === tab ? 0 : -1}
            onClick={() => setTab(t)}
            onKeyDown={(e) => {
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d) return;
              const next = TABS[(i + d + TABS.length) % TABS.length] ?? 'send';
              setTab(next);
              document.getElementById(`traffic-tab-${next}`)?.focus();
            }}
          >
            {labels[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`traffic-panel-${tab}`} aria-labelledby={`traffic-tab-${tab}`}>
        {tab === 'send' && (
          <>
            <Composer />
            <TracePanel />
          </>
        )}
        {tab === 'history' && (
          <>
            <HistoryList />
            <TracePanel />
          </>
        )}
        {tab === 'connections' && <ConnectionsPanel />}
        {tab === 'matrix' && <MatrixView onOpenTrace={() => setTab('send')} />}
      </div>
      <PacketLog />
    </section>
  );
}
