import { ExpectationsPanel } from '../features/expectations/expectations-panel';
import { GroupsPanel } from '../features/groups/groups-panel';
import { TopologyView } from '../features/topology/topology-view';
import { useAppStore } from '../hooks/use-app-store';

export function App() {
  const name = useAppStore((s) => s.scenario.name);
  return (
    <div className="shell">
      <header className="header">
        <h1>
          SG Lab <span className="scenario-name">{name}</span>
        </h1>
      </header>
      <main className="layout">
        <section className="pane topology-pane" aria-labelledby="topology-title">
          <h2 id="topology-title">Network</h2>
          <TopologyView />
        </section>
        <aside className="pane side">
          <ExpectationsPanel />
          <section aria-labelledby="groups-title">
            <h2 id="groups-title">Security groups</h2>
            <GroupsPanel />
          </section>
        </aside>
      </main>
    </div>
  );
}
