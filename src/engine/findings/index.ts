/** findings(scenario): the lint of scenario-format.md, most severe first. */
import type { Finding, Scenario } from '../../model';
import { compile } from '../compile';
import { hygiene, usedGroups } from './hygiene';
import { redundancy } from './redundancy';
import { worldOpen } from './world-open';

const RANK = { high: 0, medium: 1, low: 2 } as const;

export function findings(s: Scenario): Finding[] {
  const c = compile(s);
  const used = usedGroups(s);
  const out: Finding[] = [];
  s.securityGroups.forEach((group, i) => {
    const g = c.groups.get(group.id);
    if (!g || g.source !== group) return; // a duplicate id: validation reports it
    out.push(...worldOpen(s, group, i, g.inbound));
    out.push(...redundancy(group, i, g.inbound), ...redundancy(group, i, g.outbound));
    out.push(...hygiene(s, group, i, used));
  });
  // stable: within a severity, groups and rules keep their order
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
