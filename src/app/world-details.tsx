/** Read-only details of the rest of the world: load balancers, hosts, prefix lists, subnets, VPCs. */
import { useAppStore } from '../hooks/use-app-store';
import type { Selection } from '../store';

export function WorldDetails({ selection }: { selection: Selection }) {
  const s = useAppStore((st) => st.scenario);
  const select = useAppStore((st) => st.select);
  const rows: [string, string][] = [];
  let title = selection.id;
  if (selection.kind === 'load-balancer') {
    const lb = s.loadBalancers?.find((x) => x.id === selection.id);
    if (lb) {
      title = lb.name;
      rows.push(
        ['Type', lb.type === 'application' ? 'Application Load Balancer' : 'Network Load Balancer'],
        ['Scheme', lb.scheme],
        ['Subnets', lb.subnetIds.join(', ')],
        ['Security groups', lb.securityGroupIds.join(', ') || 'none'],
        [
          'Listeners',
          lb.listeners
            .map((l) => `${l.protocol} ${l.port} → targets on ${l.targetPort}`)
            .join('; '),
        ],
        ['Targets', lb.targetInstanceIds.join(', ') || 'none'],
        [
          'Health check',
          lb.healthCheck ? `${lb.healthCheck.protocol} ${lb.healthCheck.port}` : 'the target port',
        ],
      );
    }
  } else if (selection.kind === 'host') {
    const h = s.hosts?.find((x) => x.id === selection.id);
    if (h) {
      title = h.name;
      rows.push(
        ['Address', h.ip],
        ['Where', 'outside every VPC: security groups see this address as the source'],
      );
    }
  } else if (selection.kind === 'prefix-list') {
    const p = s.prefixLists?.find((x) => x.id === selection.id);
    if (p) {
      title = p.name;
      rows.push(
        ['Address family', p.addressFamily],
        ['Entries', p.entries.map((e) => e.cidr).join(', ')],
        ['Max entries', String(p.maxEntries ?? p.entries.length)],
      );
    }
  }
  if (rows.length === 0)
    return (
      <div className="details">
        <h2>{selection.id}</h2>
        <p className="empty">This no longer exists (an undo or a delete removed it).</p>
        <button type="button" onClick={() => select(null)}>
          Clear the selection
        </button>
      </div>
    );
  return (
    <article className="details" aria-labelledby="world-title">
      <h2 id="world-title">
        {title} <span className="mono muted">{selection.id}</span>
      </h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
