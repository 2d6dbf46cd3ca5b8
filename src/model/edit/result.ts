import { error, type Issue } from '../issue';
import type { Scenario } from '../types';

/** An edit either gives the next scenario, or says why AWS would refuse it and changes nothing. */
export type EditResult<T = undefined> =
  | { readonly ok: true; readonly scenario: Scenario; readonly value: T }
  | { readonly ok: false; readonly issue: Issue };

export const done = <T = undefined>(scenario: Scenario, value?: T): EditResult<T> => ({
  ok: true,
  scenario,
  value: value as T,
});

export const refused = (code: string, path: string, message: string): EditResult<never> => ({
  ok: false,
  issue: error(code, path, message),
});

/** Every id in the scenario, so that new ids never clash across kinds. */
export function allIds(s: Scenario): Set<string> {
  const ids = new Set<string>();
  for (const list of [
    s.vpcs,
    s.subnets,
    s.prefixLists ?? [],
    s.securityGroups,
    s.instances,
    s.loadBalancers ?? [],
    s.hosts ?? [],
    s.networkAcls ?? [],
  ]) {
    for (const item of list) ids.add(item.id);
  }
  for (const g of s.securityGroups)
    for (const r of [...g.inbound, ...g.outbound]) if (r.id) ids.add(r.id);
  for (const e of s.expectations ?? []) if (e.id) ids.add(e.id);
  return ids;
}
