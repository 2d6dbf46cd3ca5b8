/** One instance: its fields, state, security groups ("Change security groups") and effective rules. */
import { lazy, Suspense, useState } from 'react';
import { CheckList } from '../../components/check-list';
import { DraftInput } from '../../components/draft-input';
import { FieldMessages } from '../../components/field-messages';
import { useAppStore } from '../../hooks/use-app-store';
import { useWorldIssues } from '../../hooks/use-world-issues';
import {
  clearField,
  freePublicIp,
  QUOTAS,
  removeInstance,
  setInstanceGroups,
  setInstanceState,
  updateItem,
  validateInstanceAt,
  type Instance,
  type Issue,
  type Scenario,
} from '../../model';
import { exposureOf, instanceIssues } from '../../store';
import { ExposureBadges } from '../../components/exposure-badges';

// below the instance's fields: loaded when an instance is first opened, not with the first paint
const EffectiveRules = lazy(() =>
  import('./effective-rules').then((m) => ({ default: m.EffectiveRules })),
);

function draftCheck(
  s: Scenario,
  inst: Instance,
  field: 'privateIp' | 'publicIp' | 'ipv6',
  value: string,
) {
  const i = s.instances.indexOf(inst);
  const patched = { ...inst, [field]: value };
  const next = { ...s, instances: s.instances.map((x) => (x === inst ? patched : x)) };
  // this instance's checks alone: the world's would validate every other instance per keystroke
  return validateInstanceAt(next, i).filter(
    (issue: Issue) => issue.path === `instances[${i}].${field}`,
  );
}

function ChangeGroups({ instance, onDone }: { instance: Instance; onDone: () => void }) {
  const scenario = useAppStore((s) => s.scenario);
  const edit = useAppStore((s) => s.edit);
  const vpcId = scenario.subnets.find((sn) => sn.id === instance.subnetId)?.vpcId;
  const [chosen, setChosen] = useState<string[]>([...instance.securityGroupIds]);
  const [refusal, setRefusal] = useState<Issue | null>(null);
  const label = instance.name ?? instance.id;
  return (
    <form
      className="change-groups"
      aria-label={`Change security groups of ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        const r = edit('instances/set-groups', `Change the security groups of ${label}`, (s) =>
          setInstanceGroups(s, instance.id, chosen),
        );
        if (r.ok) onDone();
        else setRefusal(r.issue);
      }}
    >
      <CheckList
        legend={`Security groups of ${label} (${chosen.length} of at most ${QUOTAS.groupsPerInterface})`}
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
        checked={chosen}
        onToggle={(id, on) => setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id))}
      />
      {refusal && <FieldMessages id={`${instance.id}-groups-msg`} issues={[refusal]} />}
      <div className="actions">
        <button type="submit">Save security groups</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function InstanceDetails({ instance }: { instance: Instance }) {
  const scenario = useAppStore((s) => s.scenario);
  const checked = useWorldIssues();
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [changing, setChanging] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const issues = instanceIssues(checked, scenario, instance.id);
  const label = instance.name ?? instance.id;
  const stopped = instance.state === 'stopped';
  const subnet = scenario.subnets.find((sn) => sn.id === instance.subnetId);
  const set = (patch: Partial<Instance>, what: string) =>
    edit('instances/update', `${what} of ${label}`, (s) =>
      updateItem(s, 'instances', instance.id, patch),
    );
  const exposure = exposureOf(scenario).get(instance.id) ?? [];

  return (
    <article className="details" aria-labelledby="instance-title">
      <header className="details-head">
        <h2 id="instance-title">
          {label} <span className="mono muted">{instance.id}</span>{' '}
          <span className={`badge ${stopped ? 'muted' : 'ok'}`}>
            {stopped ? 'stopped' : 'running'}
          </span>
        </h2>
        <ExposureBadges exposure={exposure} />
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              edit('instances/state', `${stopped ? 'Start' : 'Stop'} ${label}`, (s) =>
                setInstanceState(s, instance.id, stopped ? 'running' : 'stopped'),
              )
            }
          >
            {stopped ? 'Start instance' : 'Stop instance'}
          </button>
          <button type="button" onClick={() => setChanging(true)} aria-expanded={changing}>
            Change security groups
          </button>
          {confirmDelete ? (
            <>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  const r = edit('instances/remove', `Delete ${label}`, (s) =>
                    removeInstance(s, instance.id),
                  );
                  if (r.ok) select(null);
                }}
              >
                Delete {label} for good
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Delete instance
            </button>
          )}
        </div>
      </header>
      {changing && <ChangeGroups instance={instance} onDone={() => setChanging(false)} />}
      <div className="form-grid">
        <label htmlFor={`${instance.id}-name`}>Name</label>
        <DraftInput
          id={`${instance.id}-name`}
          label="Name"
          value={instance.name ?? ''}
          check={() => []}
          onCommit={(v) => set({ name: v.trim() || instance.id }, 'Rename')}
        />
        <label htmlFor={`${instance.id}-subnet`}>Subnet</label>
        <div>
          <select
            id={`${instance.id}-subnet`}
            value={instance.subnetId}
            onChange={(e) => set({ subnetId: e.target.value }, 'Move to another subnet')}
          >
            {scenario.subnets
              .filter((sn) => sn.vpcId === subnet?.vpcId)
              .map((sn) => (
                <option key={sn.id} value={sn.id}>
                  {sn.name ?? sn.id} ({sn.cidr}, {sn.availabilityZone},{' '}
                  {sn.public ? 'public' : 'private'})
                </option>
              ))}
          </select>
          <FieldMessages id={`${instance.id}-subnet-msg`} issues={issues.get('subnetId')} />
        </div>
        <label htmlFor={`${instance.id}-ip`}>Private IPv4</label>
        <DraftInput
          id={`${instance.id}-ip`}
          label="Private IPv4"
          className="mono"
          value={instance.privateIp}
          issues={issues.get('privateIp')}
          check={(v) => draftCheck(scenario, instance, 'privateIp', v.trim())}
          onCommit={(v) => set({ privateIp: v.trim() }, 'Change the private address')}
        />
        <span>Public IPv4</span>
        <div>
          <label className="check">
            <input
              type="checkbox"
              checked={instance.publicIp !== undefined}
              onChange={(e) => {
                const ip = e.target.checked
                  ? freePublicIp(scenario.instances.map((i) => i.publicIp))
                  : null;
                edit(
                  'instances/public-ip',
                  `${ip ? 'Give a public IP to' : 'Remove the public IP of'} ${label}`,
                  (s) =>
                    ip
                      ? updateItem(s, 'instances', instance.id, { publicIp: ip })
                      : clearField(s, 'instances', instance.id, 'publicIp'),
                );
              }}
            />
            Public IP {instance.publicIp && <span className="mono">{instance.publicIp}</span>}
          </label>
          {instance.publicIp && !subnet?.public && (
            <p className="msg warning">
              ⚠ {subnet?.name ?? instance.subnetId} is a private subnet: without a route to an
              internet gateway the public IP is never reachable.
            </p>
          )}
          <FieldMessages id={`${instance.id}-pub-msg`} issues={issues.get('publicIp')} />
        </div>
      </div>
      <Suspense fallback={<p className="empty">Loading the effective rules…</p>}>
        <EffectiveRules instance={instance} />
      </Suspense>
    </article>
  );
}
