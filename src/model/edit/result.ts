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

/** Every list of the document whose items carry an id (rules aside, inside their groups). */
export const idLists = (s: Scenario): readonly (readonly { readonly id?: string }[])[] => [
  s.vpcs,
  s.subnets,
  s.prefixLists ?? [],
  s.securityGroups,
  s.instances,
  s.loadBalancers ?? [],
  s.hosts ?? [],
  s.networkAcls ?? [],
  s.expectations ?? [],
];

/** Every id in the scenario, so that new ids never clash across kinds. */
export function allIds(s: Scenario): Set<string> {
  const ids = new Set<string>();
  for (const list of idLists(s)) for (const item of list) if (item.id) ids.add(item.id);
  for (const g of s.securityGroups)
    for (const r of [...g.inbound, ...g.outbound]) if (r.id) ids.add(r.id);
  return ids;
}
