/** A load balancer: type, scheme, zones (subnets), groups, listeners, targets, health check. */
import { CheckList } from '../../components/check-list';
import { NumberDraft } from '../../components/number-draft';
import { useAppStore } from '../../hooks/use-app-store';
import { useWorldIssues } from '../../hooks/use-world-issues';
import {
  clearField,
  crossZoneOf,
  removeLoadBalancer,
  updateItem,
  type Listener,
  type LoadBalancer,
} from '../../model';
import { itemIssues, targetHealthOf } from '../../store';
import { DeleteButton } from './delete-button';
import { WorldField } from './world-field';

function toggle(list: readonly string[], id: string, on: boolean): string[] {
  return on ? [...list, id] : list.filter((x) => x !== id);
}

const HEALTH_WORDS = {
  healthy: '✓ healthy',
  partly: '◐ healthy from some nodes only',
  unhealthy: '✗ unhealthy',
  'no-traffic': '– no traffic',
} as const;

/** Each target's health from each node, with why (the balancer's nodes check it on their own). */
function TargetHealthList({ lb }: { lb: LoadBalancer }) {
  const scenario = useAppStore((s) => s.scenario);
  const checks = targetHealthOf(scenario, lb.id);
  if (checks.length === 0 || checks.every((c) => c.rows.length === 0)) return null;
  return (
    <section aria-labelledby={`${lb.id}-health`}>
      <h3 id={`${lb.id}-health`}>Target health</h3>
      {checks.map((c) => (
        <ul
          key={c.port}
          className="flat target-health"
          aria-label={`Health checks on port ${c.port}`}
        >
          {c.rows.map((r) => (
            <li key={r.targetId} className={`health ${r.state}`}>
              <strong>{r.name}</strong> {HEALTH_WORDS[r.state]}{' '}
              <span className="muted small">
                (TCP {c.port}): {r.reason}
              </span>
            </li>
          ))}
        </ul>
      ))}
    </section>
  );
}

export function LoadBalancerEditor({ lb }: { lb: LoadBalancer }) {
  const scenario = useAppStore((s) => s.scenario);
  const checked = useWorldIssues();
  const edit = useAppStore((s) => s.edit);
  const issues = itemIssues(checked, scenario, 'loadBalancers', lb.id);
  const vpcId =
    scenario.subnets.find((sn) => lb.subnetIds.includes(sn.id))?.vpcId ?? scenario.vpcs[0]?.id;
  const set = (patch: Partial<LoadBalancer>, what: string) =>
    edit('world/update', `${what} (${lb.name})`, (s) =>
      updateItem(s, 'loadBalancers', lb.id, patch),
    );
  const setListener = (i: number, patch: Partial<Listener>) =>
    set(
      { listeners: lb.listeners.map((l, k) => (k === i ? { ...l, ...patch } : l)) },
      `Change listener ${i + 1}`,
    );
  const messages = [...issues.entries()];
  return (
    <article className="details" aria-labelledby="lb-title">
      <h2 id="lb-title">
        {lb.name} <span className="mono muted">{lb.id}</span>
      </h2>
      <div className="form-grid">
        <WorldField
          collection="loadBalancers"
          id={lb.id}
          field="name"
          label="Name"
          value={lb.name}
        />
        <label htmlFor={`${lb.id}-type`}>Type</label>
        <select
          id={`${lb.id}-type`}
          value={lb.type}
          onChange={(e) =>
            set(
              { type: e.target.value as LoadBalancer['type'] },
              `Make it an ${e.target.value} load balancer`,
            )
          }
        >
          <option value="application">Application (ALB)</option>
          <option value="network">Network (NLB)</option>
        </select>
        <label htmlFor={`${lb.id}-scheme`}>Scheme</label>
        <select
          id={`${lb.id}-scheme`}
          value={lb.scheme}
          onChange={(e) =>
            set({ scheme: e.target.value as LoadBalancer['scheme'] }, `Make it ${e.target.value}`)
          }
        >
          <option value="internet-facing">Internet-facing</option>
          <option value="internal">Internal</option>
        </select>
        <span>Cross-zone</span>
        <label className="check">
          <input
            type="checkbox"
            checked={crossZoneOf(lb)}
            onChange={(e) =>
              set(
                { crossZone: e.target.checked },
                `Turn cross-zone load balancing ${e.target.checked ? 'on' : 'off'}`,
              )
            }
          />
          Each node sends to targets in every enabled zone (default: on for an ALB, off for an NLB,
          whose nodes then send only within their own zone)
        </label>
      </div>
      <CheckList
        legend="Subnets (one per Availability Zone)"
        items={scenario.subnets
          .filter((sn) => sn.vpcId === vpcId)
          .map((sn) => ({
            id: sn.id,
            label: `${sn.name ?? sn.id} (${sn.availabilityZone}, ${sn.public ? 'public' : 'private'})`,
          }))}
        checked={lb.subnetIds}
        onToggle={(id, on) =>
          set({ subnetIds: toggle(lb.subnetIds, id, on) }, 'Change the subnets')
        }
      />
      <CheckList
        legend="Security groups"
        items={scenario.securityGroups
          .filter((g) => g.vpcId === vpcId)
          .map((g) => ({
            id: g.id,
            label: (
              <>
                {g.name} <span className="mono muted">{g.id}</span>
              </>
            ),
          }))}
        checked={lb.securityGroupIds}
        onToggle={(id, on) =>
          set({ securityGroupIds: toggle(lb.securityGroupIds, id, on) }, 'Change the groups')
        }
      />
      <fieldset>
        <legend>Listeners</legend>
        {lb.listeners.map((l, i) => (
          <div key={i} className="listener">
            <label>
              Protocol{' '}
              <select
                value={l.protocol.toUpperCase()}
                onChange={(e) => setListener(i, { protocol: e.target.value })}
              >
                {(lb.type === 'application'
                  ? ['HTTP', 'HTTPS']
                  : ['TCP', 'UDP', 'TLS', 'TCP_UDP']
                ).map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            <NumberDraft
              label={`Listener ${i + 1} port`}
              value={l.port}
              min={1}
              max={65535}
              onCommit={(port) => setListener(i, { port })}
            />
            <span aria-hidden="true">→</span>
            <NumberDraft
              label={`Listener ${i + 1} target port`}
              value={l.targetPort}
              min={1}
              max={65535}
              onCommit={(targetPort) => setListener(i, { targetPort })}
            />
            <button
              type="button"
              onClick={() =>
                set(
                  { listeners: lb.listeners.filter((_, k) => k !== i) },
                  `Remove listener ${i + 1}`,
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set(
              {
                listeners: [
                  ...lb.listeners,
                  {
                    protocol: lb.type === 'application' ? 'HTTP' : 'TCP',
                    port: 80,
                    targetPort: 80,
                  },
                ],
              },
              'Add a listener',
            )
          }
        >
          + Add listener
        </button>
      </fieldset>
      <CheckList
        legend="Targets"
        items={scenario.instances
          .filter((i) => scenario.subnets.find((sn) => sn.id === i.subnetId)?.vpcId === vpcId)
          .map((i) => ({ id: i.id, label: i.name ?? i.id }))}
        checked={lb.targetInstanceIds}
        onToggle={(id, on) =>
          set({ targetInstanceIds: toggle(lb.targetInstanceIds, id, on) }, 'Change the targets')
        }
      />
      <TargetHealthList lb={lb} />
      <fieldset>
        <legend>Health check</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={lb.healthCheck === undefined}
            onChange={(e) =>
              e.target.checked
                ? edit('world/update', `Health-check the target port (${lb.name})`, (s) =>
                    clearField(s, 'loadBalancers', lb.id, 'healthCheck'),
                  )
                : set(
                    { healthCheck: { protocol: 'TCP', port: lb.listeners[0]?.targetPort ?? 80 } },
                    'Set a health check port',
                  )
            }
          />
          On the traffic port (each listener’s target port)
        </label>
        {lb.healthCheck && (
          <div className="listener">
            <span>Health check port</span>
            <NumberDraft
              label="Health check port"
              value={lb.healthCheck.port}
              min={1}
              max={65535}
              onCommit={(port) =>
                set(
                  { healthCheck: { protocol: lb.healthCheck?.protocol ?? 'TCP', port } },
                  'Set the health check port',
                )
              }
            />
          </div>
        )}
      </fieldset>
      {messages.length > 0 && (
        <ul className="field-messages" aria-label="Problems">
          {messages
            .flatMap(([, list]) => list)
            .map((m, i) => (
              <li key={i} className={`msg ${m.severity}`}>
                {m.message}
              </li>
            ))}
        </ul>
      )}
      <DeleteButton what={lb.name} remove={(s) => removeLoadBalancer(s, lb.id)} />
    </article>
  );
}
