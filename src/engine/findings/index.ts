/**
 * findings(scenario): the lint of scenario-format.md, most severe first. The per-group work is
 * cached by compiled group (and what else it reads), so after an edit only the edited group is
 * looked at again. `groupFindings` answers for one group alone: the editor shows a rule's
 * warnings at once, even when the whole lint of a large import runs elsewhere.
 */
import type { Finding, Scenario, SecurityGroup } from '../../model';
import { compile, type CompiledGroup } from '../compile';
import { hygiene, usedGroups } from './hygiene';
import { balancerFindings } from './balancers';
import { aclFindings } from './nacl';
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

/** What every group's findings read besides the group itself, found once per call. */
function context(s: Scenario) {
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
  return { s, c, used, jumpsOf };
}

function ofGroup(ctx: ReturnType<typeof context>, group: SecurityGroup, i: number) {
  const { s, c, used } = ctx;
  const g = c.groups.get(group.id);
  if (!g || g.source !== group) return []; // a duplicate id: validation reports it
  const jump = ctx.jumpsOf(group.vpcId);
  const isUsed = used.has(group.id);
  let hit = cache.get(g);
  if (
    !hit ||
    hit.index !== i ||
    hit.hosts !== s.hosts ||
    hit.vpcs !== s.vpcs ||
    hit.names !== jump.key ||
    hit.used !== isUsed ||
    hit.prefixLists !== s.prefixLists
  ) {
    hit = {
      index: i,
      hosts: s.hosts,
      vpcs: s.vpcs,
      names: jump.key,
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
  return hit.list;
}

export function findings(s: Scenario): Finding[] {
  const ctx = context(s);
  const out: Record<Finding['severity'], Finding[]> = { high: [], medium: [], low: [] };
  s.securityGroups.forEach((group, i) => {
    for (const f of ofGroup(ctx, group, i)) out[f.severity].push(f);
  });
  for (const f of aclFindings(s)) out[f.severity].push(f);
  for (const f of balancerFindings(s)) out[f.severity].push(f);
  // within a severity, groups and rules keep their order
  return [...out.high, ...out.medium, ...out.low];
}

/** The findings of one network ACL, the same objects `findings` lists for it. */
export const networkAclFindings = (s: Scenario, aclId: string): readonly Finding[] =>
  aclFindings(s).filter((f) => f.groupId === aclId);

/** The findings of one group, the same objects `findings` lists for it. */
export function groupFindings(s: Scenario, groupId: string): readonly Finding[] {
  const i = s.securityGroups.findIndex((g) => g.id === groupId);
  const group = s.securityGroups[i];
  return group ? ofGroup(context(s), group, i) : [];
}
