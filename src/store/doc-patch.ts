/**
 * What a worker keeping a copy of the document (the lint's, the matrix's) is sent after an edit:
 * only the parts that changed (by identity), so that the worker keeps its own copies of
 * everything else and the engine's caches, kept per group object, still hit there. A 5,000-group
 * import then costs one group per edit.
 */
import type { Scenario, SecurityGroup } from '../model';

export interface DocPatch {
  /** Top-level fields that changed, except the groups. */
  readonly top: Partial<Record<keyof Scenario, unknown>>;
  readonly groupCount: number;
  readonly groups: readonly (readonly [number, SecurityGroup])[];
}

export function diffDoc(prev: Scenario | null, next: Scenario): DocPatch {
  const top: Partial<Record<keyof Scenario, unknown>> = {};
  for (const key of Object.keys(next) as (keyof Scenario)[])
    if (key !== 'securityGroups' && (!prev || prev[key] !== next[key])) top[key] = next[key];
  if (prev)
    for (const key of Object.keys(prev) as (keyof Scenario)[])
      if (!(key in next)) top[key] = undefined;
  const groups: [number, SecurityGroup][] = [];
  next.securityGroups.forEach((g, i) => {
    if (!prev || prev.securityGroups[i] !== g) groups.push([i, g]);
  });
  return { top, groupCount: next.securityGroups.length, groups };
}

export function applyDocPatch(prev: Scenario | null, patch: DocPatch): Scenario {
  const base = { ...(prev ?? {}), ...patch.top } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch.top)) if (v === undefined) delete base[k];
  const groups = (prev?.securityGroups ?? []).slice(0, patch.groupCount);
  for (const [i, g] of patch.groups) groups[i] = g;
  return { ...base, securityGroups: groups } as unknown as Scenario;
}
