/** Screen readers hear every flow's fate as text ("Packet 3: Internet to web-a, TCP 443 … delivered"). */
import { useAppStore } from '../../hooks/use-app-store';
import { serviceLabel } from '../../model';
import { endpointLabel, flowVerdict } from '../../store';

export function PacketLog() {
  const scenario = useAppStore((s) => s.scenario);
  const history = useAppStore((s) => s.history);
  const last = history.slice(-3);
  return (
    <div role="log" aria-live="polite" aria-label="Packets" className="sr-only">
      {last.map((h) => {
        const v = flowVerdict(scenario, h.flow);
        const n = history.indexOf(h) + 1;
        const denied = v.steps.find((s) => s.verdict === 'deny');
        return (
          <p key={h.id}>
            Packet {n}: {endpointLabel(scenario, h.flow.from)} to{' '}
            {endpointLabel(scenario, h.flow.to)}, {serviceLabel(h.flow)}:{' '}
            {v.allowed
              ? 'delivered, and the response allowed back.'
              : `denied at ${denied?.at ?? v.blockedAt}: ${denied?.explanation ?? ''}`}
          </p>
        );
      })}
    </div>
  );
}
