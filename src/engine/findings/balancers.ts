/**
 * Findings about load balancers (aws-semantics.md §10.4): a target registered in an Availability
 * Zone the balancer has no subnet in receives no traffic at all.
 */
import type { Finding, Scenario } from '../../model';

export function balancerFindings(s: Scenario): Finding[] {
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const instances = new Map(s.instances.map((i) => [i.id, i]));
  const out: Finding[] = [];
  (s.loadBalancers ?? []).forEach((lb, i) => {
    const zones = new Set(lb.subnetIds.flatMap((id) => subnets.get(id)?.availabilityZone ?? []));
    lb.targetInstanceIds.forEach((id, k) => {
      const target = instances.get(id);
      const zone = target ? subnets.get(target.subnetId)?.availabilityZone : undefined;
      if (!target || !zone || zones.has(zone)) return;
      out.push({
        code: 'LB_TARGET_ZONE_NOT_ENABLED',
        severity: 'medium',
        groupId: lb.id,
        filter: 'load-balancer',
        ruleId: id,
        path: `loadBalancers[${i}].targetInstanceIds[${k}]`,
        title: `${target.name ?? id} is in ${zone}, a zone ${lb.name} has not enabled: it receives no traffic`,
        message: `A balancer sends only to targets in the zones it has a subnet in (${[...zones].sort().join(', ') || 'none'}). Add a subnet of ${zone} to ${lb.name}, or move the target to an enabled zone; until then it is registered and idle.`,
      });
    });
  });
  return out;
}
