/**
 * findings(scenario): the lint of scenario-format.md, most severe first. The per-group work is
 * cached by compiled group (and what else it reads), so after an edit only the edited group is
 * looked at again: a 300-group scenario stays within a frame.
 */
import type { Finding, Scenario, SecurityGroup } from '../../model';
import { compile, type CompiledGroup } from '../compile';
import { hygiene, usedGroups } from './hygiene';
import { redundancy } from './redundancy';
import { jumpGroups, worldOpen } from './world-open';

interface Cached {
  readonly index: number;
  readonly hosts: Scenario['hosts'];
  readonly vpcs: Scenario['vpcs'];
  /** world-open rewrites name the VPC's jump-host groups */
  readonly names: string;
  readonly used: boolean;
  readonly prefixLists: Scenario['prefixLists'];
  readonly list: readonly Finding[];
}

const cache = new WeakMap<CompiledGroup, Cached>();

export function findings(s: Scenario): Finding[] {
  const c = compile(s);
  const used = usedGroups(s);
  const jumps = new Map<string, { groups: SecurityGroup[]; key: string }>();
  const jumpsOf = (vpcId: string) => {
    let j = jumps.get(vpcId);
    if (j === undefined) {
      const groups = jumpGroups(s, vpcId);
      jumps.set(vpcId, (j = { groups, key: groups.map((g) => `${g.id}:${g.name}`).join('|') }));
    }
    return j;
  };
  const out: Record<Finding['severity'], Finding[]> = { high: [], medium: [], low: [] };
  s.securityGroups.forEach((group, i) => {
    const g = c.groups.get(group.id);
    if (!g || g.source !== group) return; // a duplicate id: validation reports it
    const jump = jumpsOf(group.vpcId);
    const key = jump.key;
    const isUsed = used.has(group.id);
    let hit = cache.get(g);
    if (
      !hit ||
      hit.index !== i ||
      hit.hosts !== s.hosts ||
      hit.vpcs !== s.vpcs ||
      hit.names !== key ||
      hit.used !== isUsed ||
      hit.prefixLists !== s.prefixLists
    ) {
      hit = {
        index: i,
        hosts: s.hosts,
        vpcs: s.vpcs,
        names: key,
        used: isUsed,
        prefixLists: s.prefixLists,
        list: [
          ...worldOpen(s, group, i, g.inbound, jump.groups),
          ...redundancy(group, i, g.inbound),
          ...redundancy(group, i, g.outbound),
          ...hygiene(s, group, i, used),
        ],
      };
      cache.set(g, hit);
    }
    for (const f of hit.list) out[f.severity].push(f);
  });
  // within a severity, groups and rules keep their order
  return [...out.high, ...out.medium, ...out.low];
}
