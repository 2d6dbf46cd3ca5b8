/**
 * The network as boxes: the internet and hosts outside; each VPC a box with one column per
 * Availability Zone, subnets inside (public and private told apart), instance cards with their
 * addresses, group chips and what the internet can open on them; load balancers across their zones.
 * Our own layout: CSS grid, no layout engine. Anything selectable opens its details.
 */
import { memo, useRef, useState } from 'react';
import { ExposureBadges } from '../../components/exposure-badges';
import { useAppStore } from '../../hooks/use-app-store';
import { useReducedMotion } from '../../hooks/use-reduced-motion';
import {
  formatCount,
  aclOfSubnet,
  instancePositions,
  setZoneAvailable,
  zoneIsDown,
  type Instance,
  type LoadBalancer,
  type Scenario,
  type Subnet,
} from '../../model';
import {
  exposureOf,
  inspectedVerdict,
  instancesBySubnet,
  riskyPerSubnet,
  type Selection,
} from '../../store';
import { PacketPath } from './packet-path';

/** Subnets with more instances than this start collapsed to a count. */
const COLLAPSE_OVER = 8;

const isSelected = (sel: Selection | null, kind: Selection['kind'], id: string) =>
  sel?.kind === kind && sel.id === id;

interface Checkpoint {
  readonly text: string;
  readonly verdict: 'allow' | 'deny' | 'skip';
}

/** Where the inspected packet has been so far: checkpoints by instance or load-balancer id. */
function useCheckpoints(): ReadonlyMap<string, readonly Checkpoint[]> {
  const scenario = useAppStore((s) => s.scenario);
  const inspected = useAppStore((s) => s.inspected);
  const step = useAppStore((s) => s.playback.step);
  const reduced = useReducedMotion();
  if (!inspected) return new Map();
  const steps = inspectedVerdict(scenario, inspected).steps;
  const out = new Map<string, Checkpoint[]>();
  const replyDropped = steps.some(
    (st) => st.kind === 'response' && st.where?.kind === 'subnet-boundary' && st.verdict === 'deny',
  );
  const mark = (id: string, text: string, verdict: Checkpoint['verdict']) =>
    out.set(id, [...(out.get(id) ?? []), { text, verdict }]);
  const word = (st: (typeof steps)[number]) =>
    st.reached === false
      ? 'not reached'
      : st.verdict === 'allow'
        ? 'allowed'
        : st.verdict === 'deny'
          ? 'denied'
          : 'skipped';
  steps.slice(0, reduced ? steps.length : step + 1).forEach((st, i) => {
    const where = st.where;
    if (where?.kind === 'subnet-boundary') {
      // a network ACL decided at the subnet's edge: its own checkpoint there
      const side = where.direction === 'outbound' ? 'out' : 'in';
      mark(
        where.id,
        `${i + 1}. ACL ${side}${st.kind === 'response' ? ' (reply)' : ''} ${word(st)}`,
        st.verdict,
      );
    } else if (st.kind === 'response') {
      // the groups let the answer back to whoever asked, unless a reply ACL drops it on the way
      if (!replyDropped)
        mark(
          inspected.flow.from,
          `${i + 1}. ↩ response ${st.code === 'UNTRACKED_RESPONSE' ? 'allowed by the reverse rule (untracked)' : 'allowed: stateful (tracked connection)'}`,
          st.verdict,
        );
    } else if (where?.kind === 'interface') {
      const what = st.kind === 'health' ? 'health' : where.direction === 'outbound' ? 'out' : 'in';
      mark(where.id, `${i + 1}. ${what} ${word(st)}`, st.verdict);
    }
  });
  return out;
}

function Checkpoints({ list }: { list: readonly Checkpoint[] | undefined }) {
  if (!list || list.length === 0) return null;
  return (
    <span className="checkpoints" aria-label="Packet checkpoints">
      {list.map((c) => (
        <span key={c.text} className={`checkpoint ${c.verdict}`}>
          {c.verdict === 'allow' ? '✓' : c.verdict === 'deny' ? '✗' : '–'} {c.text}
        </span>
      ))}
    </span>
  );
}

const InstanceCard = memo(function InstanceCard({
  instance,
  selected,
  exposure,
  checkpoints,
}: {
  instance: Instance;
  selected: boolean;
  exposure: Parameters<typeof ExposureBadges>[0]['exposure'];
  checkpoints: readonly Checkpoint[] | undefined;
}) {
  const select = useAppStore((s) => s.select);
  const stopped = instance.state === 'stopped';
  const name = instance.name ?? instance.id;
  return (
    <li
      className={`card instance${stopped ? ' stopped' : ''}${selected ? ' selected' : ''}`}
      data-endpoint={instance.id}
    >
      <button
        type="button"
        className="card-button"
        aria-pressed={selected}
        aria-label={`Instance ${name}`}
        onClick={() => select({ kind: 'instance', id: instance.id })}
      >
        <span className="card-title">
          <span className="kind">{instance.kind ?? 'ec2'}</span> {name}
          {stopped && <span className="badge muted">stopped</span>}
        </span>
        <span className="addr">
          {instance.privateIp}
          {instance.publicIp && <> · public {instance.publicIp}</>}
        </span>
      </button>
      <span className="chips" aria-label="Security groups">
        {instance.securityGroupIds.map((g) => (
          <span key={g} className="chip">
            {g}
          </span>
        ))}
      </span>
      <ExposureBadges exposure={exposure} max={2} />
      <Checkpoints list={checkpoints} />
    </li>
  );
});

/** The subnet's instances that are selected or that the packet passed. */
function pinnedOf(
  s: Scenario,
  subnetId: string,
  selection: Selection | null,
  checkpoints: ReadonlyMap<string, readonly Checkpoint[]>,
): Instance[] {
  const ids = new Set(checkpoints.keys());
  if (selection?.kind === 'instance') ids.add(selection.id);
  const at = instancePositions(s.instances);
  return [...ids]
    .flatMap((id) => {
      const k = at.get(id);
      return k !== undefined && s.instances[k]?.subnetId === subnetId ? [k] : [];
    })
    .sort((a, b) => a - b)
    .map((k) => s.instances[k] as Instance);
}

function SubnetBox({
  subnet,
  instances,
  checkpoints,
}: {
  subnet: Subnet;
  instances: readonly Instance[];
  checkpoints: ReadonlyMap<string, readonly Checkpoint[]>;
}) {
  const scenario = useAppStore((s) => s.scenario);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const [open, setOpen] = useState(instances.length <= COLLAPSE_OVER);
  const name = subnet.name ?? subnet.id;
  // the ACL at the edge is drawn once the document has ACLs (without any, every subnet allows all)
  const acl = scenario.networkAcls?.length ? aclOfSubnet(scenario, subnet.id)?.acl : undefined;
  // a selected instance, or one the packet passed, shows even in a collapsed subnet — alone, so
  // that opening a trace never unfolds a subnet of hundreds and moves the whole diagram
  // found by id, in document order: a subnet may hold 60,000
  const pinned = pinnedOf(scenario, subnet.id, selection, checkpoints);
  const exposed = riskyPerSubnet(scenario).get(subnet.id) ?? 0;
  return (
    <section
      className={`subnet ${subnet.public ? 'public' : 'private'}`}
      aria-label={`Subnet ${name}`}
    >
      <h4>
        <button
          type="button"
          className="box-title"
          aria-pressed={isSelected(selection, 'subnet', subnet.id)}
          onClick={() => select({ kind: 'subnet', id: subnet.id })}
        >
          {name}
        </button>{' '}
        <span className="badge">{subnet.public ? 'public' : 'private'}</span>
      </h4>
      <div className="addr">{subnet.cidr}</div>
      {acl && (
        <div className="acl-edge" data-endpoint={subnet.id}>
          <button
            type="button"
            className="acl-chip"
            aria-pressed={isSelected(selection, 'network-acl', acl.id)}
            onClick={() => select({ kind: 'network-acl', id: acl.id })}
            title="The network ACL at this subnet's edge: it filters what enters and leaves the subnet"
          >
            ACL {acl.isDefault ? 'default' : (acl.name ?? acl.id)}
          </button>
          <Checkpoints list={checkpoints.get(subnet.id)} />
        </div>
      )}
      {instances.length === 0 ? (
        <p className="empty">No instances</p>
      ) : open || pinned.length === instances.length ? (
        <>
          <Cards list={instances} checkpoints={checkpoints} />
          {instances.length > COLLAPSE_OVER && (
            <button type="button" className="link small" onClick={() => setOpen(false)}>
              Collapse {formatCount(instances.length)} instances
            </button>
          )}
        </>
      ) : (
        <>
          {pinned.length > 0 && <Cards list={pinned} checkpoints={checkpoints} />}
          <button
            type="button"
            className="collapsed"
            aria-expanded={false}
            onClick={() => setOpen(true)}
          >
            {pinned.length > 0
              ? `${formatCount(instances.length - pinned.length)} more`
              : formatCount(instances.length)}{' '}
            instances — show them
            {exposed > 0 && (
              <span className="exposure-badge danger">
                {' '}
                ⚠ {formatCount(exposed)} open to the internet
              </span>
            )}
          </button>
        </>
      )}
    </section>
  );
}

function Cards({
  list,
  checkpoints,
}: {
  list: readonly Instance[];
  checkpoints: ReadonlyMap<string, readonly Checkpoint[]>;
}) {
  const scenario = useAppStore((s) => s.scenario);
  const selection = useAppStore((s) => s.selection);
  const exposure = exposureOf(scenario);
  return (
    <ul className="cards">
      {list.map((i) => (
        <InstanceCard
          key={i.id}
          instance={i}
          selected={isSelected(selection, 'instance', i.id)}
          exposure={exposure.get(i.id) ?? []}
          checkpoints={checkpoints.get(i.id)}
        />
      ))}
    </ul>
  );
}

function LoadBalancerBar({
  lb,
  checkpoints,
}: {
  lb: LoadBalancer;
  checkpoints: readonly Checkpoint[] | undefined;
}) {
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const selected = isSelected(selection, 'load-balancer', lb.id);
  return (
    <div className="lb-wrap" data-endpoint={lb.id}>
      <button
        type="button"
        className={`lb${selected ? ' selected' : ''}`}
        aria-pressed={selected}
        aria-label={`Load balancer ${lb.name}`}
        onClick={() => select({ kind: 'load-balancer', id: lb.id })}
      >
        <strong>{lb.name}</strong> {lb.type === 'application' ? 'ALB' : 'NLB'} · {lb.scheme} ·
        listeners {lb.listeners.map((l) => `${l.protocol} ${l.port}→${l.targetPort}`).join(', ')} ·{' '}
        {lb.targetInstanceIds.length} targets
      </button>
      <NodeList lb={lb} />
      <Checkpoints list={checkpoints} />
    </div>
  );
}

/** The balancer's node in each zone it enables; a node in a zone that is down is gone. */
function NodeList({ lb }: { lb: LoadBalancer }) {
  const scenario = useAppStore((s) => s.scenario);
  const zones = [
    ...new Set(
      lb.subnetIds.flatMap(
        (id) => scenario.subnets.find((sn) => sn.id === id)?.availabilityZone ?? [],
      ),
    ),
  ].sort();
  if (zones.length === 0) return null;
  return (
    <ul className="lb-nodes" aria-label={`${lb.name}'s nodes`}>
      {zones.map((z) => {
        const down = zoneIsDown(scenario, z);
        return (
          <li key={z} className={down ? 'gone' : undefined}>
            {down ? `✗ node in ${z}: gone (zone down)` : `node in ${z}`}
          </li>
        );
      })}
    </ul>
  );
}

/** A zone's name, and one click to take the whole zone down (or back up): the drill of §10.4. */
function ZoneHeader({ zone }: { zone: string }) {
  const down = useAppStore((s) => zoneIsDown(s.scenario, zone));
  const edit = useAppStore((s) => s.edit);
  return (
    <h4 className="zone-name">
      {zone}
      {down && <span className="badge down">zone down</span>}
      <button
        type="button"
        className="link small"
        title={
          down
            ? `Bring ${zone} back: its instances and balancer nodes return`
            : `Take ${zone} down: its instances stop answering and balancers lose their node there`
        }
        onClick={() =>
          edit('instances/zone', `${down ? 'Bring back' : 'Take down'} ${zone}`, (s) =>
            setZoneAvailable(s, zone, down),
          )
        }
      >
        {down ? `Start ${zone}` : `Stop ${zone}`}
      </button>
    </h4>
  );
}

function zonesOf(s: Scenario, vpcId: string): string[] {
  return [
    ...new Set(s.subnets.filter((sn) => sn.vpcId === vpcId).map((sn) => sn.availabilityZone)),
  ].sort();
}

export function TopologyView() {
  const scenario = useAppStore((s) => s.scenario);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const checkpoints = useCheckpoints();
  const container = useRef<HTMLDivElement>(null);
  const bySubnet = instancesBySubnet(scenario.instances);
  return (
    <div className="topology" ref={container}>
      <PacketPath container={container} />
      <div className="outside" aria-label="Outside every VPC">
        <span className="internet" aria-hidden="true" data-endpoint="internet">
          ☁ Internet
        </span>
        <ul className="hosts" aria-label="Outside hosts">
          {(scenario.hosts ?? []).map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={`card host${isSelected(selection, 'host', h.id) ? ' selected' : ''}`}
                data-endpoint={h.id}
                aria-pressed={isSelected(selection, 'host', h.id)}
                onClick={() => select({ kind: 'host', id: h.id })}
              >
                <span className="card-title">{h.name}</span> <span className="addr">{h.ip}</span>
              </button>
              <Checkpoints list={checkpoints.get(h.id)} />
            </li>
          ))}
        </ul>
      </div>
      {scenario.vpcs.length === 0 && <p className="empty">No VPC yet: the network is empty.</p>}
      {scenario.vpcs.map((vpc) => (
        <section key={vpc.id} className="vpc" aria-label={`VPC ${vpc.name ?? vpc.id}`}>
          <h3>
            <button
              type="button"
              className="box-title"
              aria-pressed={isSelected(selection, 'vpc', vpc.id)}
              onClick={() => select({ kind: 'vpc', id: vpc.id })}
            >
              {vpc.name ?? vpc.id}
            </button>{' '}
            <span className="addr">
              {vpc.cidr}
              {vpc.ipv6Cidr ? ` · ${vpc.ipv6Cidr}` : ''}
            </span>
          </h3>
          {(scenario.loadBalancers ?? [])
            .filter((lb) =>
              scenario.subnets.some((sn) => sn.vpcId === vpc.id && lb.subnetIds.includes(sn.id)),
            )
            .map((lb) => (
              <LoadBalancerBar key={lb.id} lb={lb} checkpoints={checkpoints.get(lb.id)} />
            ))}
          <div className="zones">
            {zonesOf(scenario, vpc.id).map((az) => (
              <div
                key={az}
                className={`zone${zoneIsDown(scenario, az) ? ' down' : ''}`}
                aria-label={`Availability Zone ${az}${zoneIsDown(scenario, az) ? ' (down)' : ''}`}
              >
                <ZoneHeader zone={az} />
                {scenario.subnets
                  .filter((sn) => sn.vpcId === vpc.id && sn.availabilityZone === az)
                  .map((sn) => (
                    <SubnetBox
                      key={sn.id}
                      subnet={sn}
                      instances={bySubnet.get(sn.id) ?? []}
                      checkpoints={checkpoints}
                    />
                  ))}
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
