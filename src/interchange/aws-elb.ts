/**
 * The load balancers of `aws elbv2 describe-load-balancers`, with their listeners
 * (`describe-listeners`), target groups (`describe-target-groups`) and targets
 * (`describe-target-health`), as the scenario's load balancers. describe-target-health does not
 * say which target group it was run for: a file holds the targets of the group its name carries
 * (`my-targets.json`, or the group's ARN id), or of the only target group there is.
 */
import type { Listener, LoadBalancer, Subnet } from '../model';
import { field, isObj, list, num, str, strings, type Obj } from './aws-fields';

export interface ElbFound {
  balancers: { file: string; lb: Obj }[];
  listeners: Obj[];
  targetGroups: Obj[];
  health: { file: string; targets: Obj[] }[];
}

export const emptyElb = (): ElbFound => ({
  balancers: [],
  listeners: [],
  targetGroups: [],
  health: [],
});

export function collectElb(found: ElbFound, file: string, o: Obj): void {
  for (const lb of list(o, 'LoadBalancers')) found.balancers.push({ file, lb });
  found.listeners.push(...list(o, 'Listeners'));
  found.targetGroups.push(...list(o, 'TargetGroups'));
  if (field(o, 'TargetHealthDescriptions') !== undefined)
    found.health.push({ file, targets: list(o, 'TargetHealthDescriptions') });
}

export const ELB_KINDS = [
  'LoadBalancers',
  'Listeners',
  'TargetGroups',
  'TargetHealthDescriptions',
] as const;

/** The target group ARNs a listener's default actions forward to. */
function forwardsTo(listener: Obj): string[] {
  return list(listener, 'DefaultActions').flatMap((a) => {
    if (str(a, 'Type') !== 'forward') return [];
    const one = str(a, 'TargetGroupArn');
    const config = field(a, 'ForwardConfig');
    const weighted = isObj(config)
      ? list(config, 'TargetGroups').flatMap((t) => str(t, 'TargetGroupArn') ?? [])
      : [];
    return [...new Set([...(one ? [one] : []), ...weighted])];
  });
}

/** "targetgroup/my-targets/73e2d6bc24d8a067" → the name and the id a file may be named after. */
function namesOf(tg: Obj): string[] {
  const arn = str(tg, 'TargetGroupArn') ?? '';
  const tail = arn.split('/').slice(-1)[0] ?? '';
  return [str(tg, 'TargetGroupName'), tail.length >= 8 ? tail : undefined].filter(
    (n): n is string => !!n,
  );
}

export function balancersOf(
  found: ElbFound,
  known: { subnets: ReadonlyMap<string, Subnet>; instances: ReadonlySet<string> },
  note: (file: string, message: string) => void,
): LoadBalancer[] {
  const groupsByArn = new Map(found.targetGroups.map((t) => [str(t, 'TargetGroupArn') ?? '', t]));
  // each describe-target-health file belongs to one target group
  const targetsOf = new Map<string, Obj[]>();
  for (const h of found.health) {
    const base = h.file.replace(/^.*[\\/]/, '');
    const named = found.targetGroups.filter((t) => namesOf(t).some((n) => base.includes(n)));
    const owner =
      named.length === 1
        ? named[0]
        : found.targetGroups.length === 1
          ? found.targetGroups[0]
          : null;
    const arn = owner ? str(owner, 'TargetGroupArn') : undefined;
    if (!arn) {
      note(
        h.file,
        'describe-target-health does not say which target group it was run for: name the file after its target group (my-targets.json); its targets were not read.',
      );
      continue;
    }
    targetsOf.set(arn, [...(targetsOf.get(arn) ?? []), ...h.targets]);
  }

  const out: LoadBalancer[] = [];
  for (const { file, lb } of found.balancers) {
    const name = str(lb, 'LoadBalancerName') ?? '(unnamed)';
    const arn = str(lb, 'LoadBalancerArn') ?? '';
    const type = str(lb, 'Type') ?? 'application';
    if (type !== 'application' && type !== 'network') {
      note(file, `${name} is a ${type} load balancer, which SG Lab does not model: left out.`);
      continue;
    }
    const subnetIds = list(lb, 'AvailabilityZones').flatMap((z) => {
      const id = str(z, 'SubnetId');
      if (id && known.subnets.has(id)) return [id];
      note(
        file,
        `${name}: its subnet ${id ?? `in ${str(z, 'ZoneName') ?? 'a zone'}`} is not in the files, so its node there was left out (add describe-subnets).`,
      );
      return [];
    });
    const listeners: Listener[] = [];
    const targetGroups = new Set<string>();
    const mine = found.listeners.filter((l) => str(l, 'LoadBalancerArn') === arn);
    for (const l of mine) {
      const port = num(l, 'Port');
      const protocol = str(l, 'Protocol') ?? (type === 'network' ? 'TCP' : 'HTTP');
      const [tgArn, ...more] = forwardsTo(l);
      const tg = tgArn ? groupsByArn.get(tgArn) : undefined;
      const targetPort = tg ? num(tg, 'Port') : undefined;
      if (port === undefined || !tgArn) {
        note(
          file,
          `${name}: listener ${protocol} ${port ?? '?'} does not forward to a target group (a redirect or fixed response): not modelled.`,
        );
        continue;
      }
      if (!tg || targetPort === undefined) {
        note(
          file,
          `${name}: listener ${protocol} ${port} forwards to a target group not in the files (add describe-target-groups): left out.`,
        );
        continue;
      }
      if (more.length > 0)
        note(
          file,
          `${name}: listener ${protocol} ${port} splits traffic over ${more.length + 1} target groups; SG Lab sends it to all their targets on port ${targetPort}.`,
        );
      listeners.push({ protocol, port, targetPort });
      for (const t of [tgArn, ...more]) targetGroups.add(t);
    }
    if (mine.length === 0)
      note(
        file,
        `${name}: no listeners in the files (add aws elbv2 describe-listeners --load-balancer-arn …): it accepts no traffic until listeners are added.`,
      );

    const targetInstanceIds: string[] = [];
    for (const tgArn of targetGroups) {
      const tg = groupsByArn.get(tgArn);
      const tgName = tg ? (str(tg, 'TargetGroupName') ?? tgArn) : tgArn;
      if (tg && (str(tg, 'TargetType') ?? 'instance') !== 'instance') {
        note(
          file,
          `${name}: target group ${tgName} has ${str(tg, 'TargetType')} targets, which SG Lab does not model: its targets were left out.`,
        );
        continue;
      }
      const targets = targetsOf.get(tgArn);
      if (!targets) {
        note(
          file,
          `${name}: no targets for ${tgName} in the files (save aws elbv2 describe-target-health --target-group-arn … as ${tgName}.json).`,
        );
        continue;
      }
      for (const t of targets) {
        const target = field(t, 'Target');
        const id = isObj(target) ? str(target, 'Id') : undefined;
        if (!id) continue;
        if (!known.instances.has(id)) {
          note(
            file,
            `${name}: target ${id} is not in the files (add describe-instances): left out.`,
          );
          continue;
        }
        const port = isObj(target) ? num(target, 'Port') : undefined;
        const tgPort = tg ? num(tg, 'Port') : undefined;
        if (port !== undefined && tgPort !== undefined && port !== tgPort)
          note(
            file,
            `${name}: target ${id} is registered on port ${port}, not the group's ${tgPort}; SG Lab sends to ${tgPort}.`,
          );
        const health = field(t, 'TargetHealth');
        const state = isObj(health) ? str(health, 'State') : undefined;
        if (state && state !== 'healthy')
          note(
            file,
            `${name}: AWS reported target ${id} ${state}${isObj(health) && str(health, 'Reason') ? ` (${str(health, 'Reason')})` : ''}; SG Lab judges health from the security groups alone.`,
          );
        if (!targetInstanceIds.includes(id)) targetInstanceIds.push(id);
      }
    }

    const first = [...targetGroups].map((a) => groupsByArn.get(a)).find(Boolean);
    const checkPort = first ? str(first, 'HealthCheckPort') : undefined;
    const port =
      checkPort && /^\d+$/.test(checkPort)
        ? Number(checkPort)
        : first
          ? num(first, 'Port')
          : undefined;
    const checkProtocol = first ? str(first, 'HealthCheckProtocol') : undefined;
    out.push({
      id: name,
      name,
      type,
      scheme: str(lb, 'Scheme') === 'internal' ? 'internal' : 'internet-facing',
      subnetIds,
      securityGroupIds: strings(lb, 'SecurityGroups'),
      listeners,
      targetInstanceIds,
      ...(port !== undefined && checkProtocol
        ? { healthCheck: { protocol: checkProtocol, port } }
        : {}),
    });
  }
  return out;
}
