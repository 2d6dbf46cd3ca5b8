/**
 * Connection tracking over a simulated clock: each connection a sent flow opened, tracked or
 * untracked, its state and idle timer; advance the clock, send a reply or another packet, and see
 * what survives a rule change.
 */
import { useState } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import { serviceLabel } from '../../model';
import { endpointLabel } from '../../store';

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

const STEPS = [
  { label: '+1 minute', seconds: 60 },
  { label: '+1 hour', seconds: 3600 },
  { label: '+5 days', seconds: 432_000 },
];

export function ConnectionsPanel() {
  const scenario = useAppStore((s) => s.scenario);
  useAppStore((s) => s.simVersion); // re-render when the simulation moves
  const connections = useAppStore((s) => s.connections)();
  const clock = useAppStore((s) => s.clock);
  const advance = useAppStore((s) => s.advanceClock);
  const packet = useAppStore((s) => s.packet);
  const last = useAppStore((s) => s.lastPacket);
  const [only, setOnly] = useState('');
  const listed = only
    ? connections.filter((c) => c.interfaces.some((i) => i.id === only))
    : connections;
  return (
    <div className="connections">
      <div className="clock" role="group" aria-label="Simulated clock">
        <span>
          Simulated time: <strong>{duration(clock)}</strong>
        </span>
        {STEPS.map((st) => (
          <button key={st.label} type="button" onClick={() => advance(st.seconds)}>
            {st.label}
          </button>
        ))}
      </div>
      {last && (
        <p className={`msg ${last.verdict.allowed ? 'notice' : 'error'}`} role="status">
          {last.kind === 'reply' ? 'Reply on' : 'Another packet on'} {last.connectionId}:{' '}
          {last.verdict.allowed ? 'allowed' : 'denied'} — {last.verdict.steps[0]?.explanation}
        </p>
      )}
      <label className="small">
        Instance{' '}
        <select value={only} onChange={(e) => setOnly(e.target.value)}>
          <option value="">all</option>
          {scenario.instances.slice(0, 500).map((i) => (
            <option key={i.id} value={i.id}>
              {i.name ?? i.id}
            </option>
          ))}
        </select>
      </label>
      {listed.length === 0 ? (
        <p className="empty">
          {connections.length === 0
            ? 'No connections yet: an allowed flow you send opens one.'
            : 'No connection passes through this instance.'}
        </p>
      ) : (
        <div className="scroll-x" tabIndex={0} role="region" aria-label="Tracked connections">
          <table className="rules">
            <thead>
              <tr>
                <th scope="col">Connection</th>
                <th scope="col">Flow</th>
                <th scope="col">Tracking</th>
                <th scope="col">State</th>
                <th scope="col">Idle / timeout</th>
                <th scope="col">Packets</th>
                <th scope="col">Send</th>
              </tr>
            </thead>
            <tbody>
              {[...connections]
                .reverse()
                .slice(0, 200)
                .map((c) => (
                  <tr key={c.id} className={c.state === 'active' ? undefined : 'covered'}>
                    <td className="mono">{c.id}</td>
                    <td>
                      {endpointLabel(scenario, c.flow.from)} → {endpointLabel(scenario, c.flow.to)}{' '}
                      {serviceLabel(c.flow)}
                    </td>
                    <td>
                      {c.tracked ? 'tracked' : 'untracked'}
                      <span className="muted small">
                        {' '}
                        (
                        {c.interfaces
                          .map((i) => `${i.id}: ${i.tracked ? 'tracked' : 'untracked'}`)
                          .join(', ')}
                        )
                      </span>
                    </td>
                    <td>
                      {c.state === 'blocked' ? 'blocked by a network ACL' : c.state}
                      {c.reason && <span className="muted small"> — {c.reason}</span>}
                    </td>
                    <td>
                      {duration(c.idleSeconds)} / {duration(c.timeoutSeconds)}
                    </td>
                    <td>{c.packets}</td>
                    <td>
                      <button
                        type="button"
                        onClick={() => packet(c.id, 'reply')}
                        aria-label={`Send a reply on ${c.id}`}
                      >
                        Reply
                      </button>{' '}
                      <button
                        type="button"
                        onClick={() => packet(c.id, 'continue')}
                        aria-label={`Send another packet on ${c.id}`}
                      >
                        Again
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
