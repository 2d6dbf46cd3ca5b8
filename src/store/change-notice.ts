/**
 * The short notice after an edit: which instances it reaches and what it changed for them, in the
 * words of the source notes ("affects 2 instances: web-a, web-b — SSH from the internet now
 * allowed"), and which expectations turned.
 */
import { exposureKeysToCompare, type ExposedService } from '../engine';
import { instanceById, type Scenario } from '../model';
import { carrierPositions, expectationResults, exposureOf, groupFindingsOf } from './selectors';

/** "web-a, web-b, web-c and 12 more": only the names shown are looked up. */
const names = (ids: readonly string[], label: (id: string) => string, max = 3): string =>
  ids.length <= max
    ? ids.map(label).join(', ')
    : `${ids.slice(0, max).map(label).join(', ')} and ${ids.length - max} more`;

const serviceText = (e: ExposedService): string =>
  `${e.label} from the internet${e.ipv6 ? ' over IPv6' : ''}${e.via ? ` (via ${e.via.name})` : ''}`;

/** Zones that went down or came back with the edit. */
function zonesTurned(before: Scenario, after: Scenario): Set<string> {
  const a = new Set(before.unavailableZones);
  const b = new Set(after.unavailableZones);
  return new Set([...a, ...b].filter((z) => a.has(z) !== b.has(z)));
}

/** Instances touched by the edit: their own record changed, a group they carry did, or their zone. */
function touchedInstances(before: Scenario, after: Scenario): string[] {
  const zones = zonesTurned(before, after);
  const turned = new Set(
    after.subnets.filter((sn) => zones.has(sn.availabilityZone)).map((sn) => sn.id),
  );
  const old = new Map(before.securityGroups.map((g) => [g.id, g]));
  const changed = new Set(after.securityGroups.filter((g) => old.get(g.id) !== g).map((g) => g.id));
  const still = new Set(after.securityGroups.map((g) => g.id));
  for (const g of before.securityGroups) if (!still.has(g.id)) changed.add(g.id);
  // a rule edit keeps the instances: the carriers of the groups it changed, in instance order
  if (before.instances === after.instances && turned.size === 0) {
    const carriers = carrierPositions(after.instances);
    const at = new Set<number>();
    for (const g of changed) for (const k of carriers.get(g) ?? []) at.add(k);
    return [...at].sort((a, b) => a - b).map((k) => after.instances[k]?.id as string);
  }
  const oldInstances =
    before.instances === after.instances ? null : new Map(before.instances.map((i) => [i.id, i]));
  const out: string[] = [];
  for (const i of after.instances) {
    let hit = (oldInstances !== null && oldInstances.get(i.id) !== i) || turned.has(i.subnetId);
    for (let k = 0; !hit && k < i.securityGroupIds.length; k++)
      hit = changed.has(i.securityGroupIds[k] as string);
    if (hit) out.push(i.id);
  }
  return out;
}

export interface ChangeNotice {
  readonly text: string;
  readonly tone: 'success' | 'warning';
}

export function describeChange(before: Scenario, after: Scenario): ChangeNotice | null {
  const touched = touchedInstances(before, after);
  // the selectors' caches: the screen needs both anyway
  const was = exposureOf(before);
  const now = exposureOf(after);
  const effects: string[] = [];
  let warn = false;
  // a notice names at most three instances per list: a search each
  const label = (id: string) => instanceById(after, id)?.name ?? id;
  const gained = new Map<string, string[]>();
  const lost = new Map<string, string[]>();
  const compare = (id: string) => {
    // the badges of an instance the edit did not change are the same list
    if (was.get(id) === now.get(id)) return;
    // the internet's reach is what a notice is about; My IP badges just follow
    const a = (was.get(id) ?? []).filter((e) => e.audience === 'internet').map(serviceText);
    const b = (now.get(id) ?? []).filter((e) => e.audience === 'internet').map(serviceText);
    for (const s of b.filter((x) => !a.includes(x))) gained.set(s, [...(gained.get(s) ?? []), id]);
    for (const s of a.filter((x) => !b.includes(x))) lost.set(s, [...(lost.get(s) ?? []), id]);
    if ((now.get(id) ?? []).some((e) => e.risk === 'danger' && !a.includes(serviceText(e))))
      warn = true;
  };
  for (const id of exposureKeysToCompare(was, now)) compare(id);
  const on = (list: string[]) =>
    touched.length > 1 || list.length !== touched.length ? ` on ${names(list, label)}` : '';
  for (const [s, list] of gained) effects.push(`${s} now allowed${on(list)}`);
  for (const [s, list] of lost) effects.push(`${s} no longer allowed${on(list)}`);
  // a rule opened to the world is news even where no route lets the internet in yet
  const unchanged = new Set(before.securityGroups);
  for (const g of after.securityGroups) {
    if (unchanged.has(g)) continue;
    const had = new Set(groupFindingsOf(before, g.id).map((f) => `${f.code}/${f.ruleId}`));
    for (const f of groupFindingsOf(after, g.id)) {
      if (f.severity !== 'high' || had.has(`${f.code}/${f.ruleId}`)) continue;
      const reached = [...gained.values()].some((list) =>
        list.some((id) => instanceById(after, id)?.securityGroupIds.includes(g.id)),
      );
      // where the internet now gets in, "… from the internet now allowed" has said it already
      if (reached) continue;
      effects.push(
        `${f.title}: no route lets the internet in today, but the rule is open${f.controls?.[0] ? ` (${f.controls[0]})` : ''}`,
      );
      warn = true;
    }
  }
  const before_ = expectationResults(before);
  const after_ = expectationResults(after);
  after_.forEach((r, i) => {
    const prev = before_[i];
    if (!prev || prev.expectation !== r.expectation || prev.pass === r.pass) return;
    const what = r.expectation.note ?? `${r.expectation.from} → ${r.expectation.to}`;
    effects.push(`expectation “${what}” ${r.pass ? 'passes again' : 'now fails'}`);
    if (!r.pass) warn = true;
  });
  if (touched.length === 0 && effects.length === 0) return null;
  const reach =
    touched.length === 0
      ? 'affects no instance'
      : `affects ${touched.length} instance${touched.length > 1 ? 's' : ''}: ${names(touched, label)}`;
  const text =
    effects.length > 0
      ? `${reach} — ${effects.join('; ')}`
      : `${reach}; what the internet can reach and every expectation stay the same`;
  return { text: text.charAt(0).toUpperCase() + text.slice(1), tone: warn ? 'warning' : 'success' };
}
