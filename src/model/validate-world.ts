/** The network's own shape: VPCs, subnets, addresses, attachments, load balancers, hosts. */
import { cidrContains, cidrCovers, cidrOverlaps, parseCidr, parseIp, type Cidr } from './cidr';
import { error, notice, warning, type Issue } from './issue';
import { QUOTAS } from './quotas';
import { validateNetworkAcls } from './validate-nacl';
import { reservedOffsets } from './subnet-addresses';
import type { Instance, Scenario, SecurityGroup, Subnet } from './types';

export function validateWorld(s: Scenario): Issue[] {
  return [
    ...validateVpcsAndSubnets(s),
    ...validatePrefixLists(s),
    ...validateInstances(s),
    ...validateLoadBalancers(s),
    ...validateHosts(s),
    ...validateNetworkAcls(s),
    ...validateZones(s),
  ];
}

/** A zone said to be down that no subnet is in: probably a typo, and it changes nothing. */
function validateZones(s: Scenario): Issue[] {
  const zones = new Set(s.subnets.map((sn) => sn.availabilityZone));
  return (s.unavailableZones ?? []).flatMap((z, i) =>
    zones.has(z)
      ? []
      : [
          warning(
            'UnknownAvailabilityZone',
            `unavailableZones[${i}]`,
            `No subnet is in ${z}: taking it down changes nothing (zones here: ${[...zones].sort().join(', ') || 'none'}).`,
          ),
        ],
  );
}

function block(
  text: string | undefined,
  family: 4 | 6,
  path: string,
  issues: Issue[],
): Cidr | null {
  if (text === undefined) return null;
  const r = parseCidr(text, family);
  if (!r.ok) {
    issues.push(error('InvalidParameterValue', path, r.message, r.suggestion));
    return null;
  }
  if (r.hostBitsSet)
    issues.push(
      notice(
        'CidrHostBitsSet',
        path,
        `${text} has host bits set: AWS will use ${r.canonical}.`,
        r.canonical,
      ),
    );
  return r.cidr;
}

function validateVpcsAndSubnets(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const vpcBlocks = new Map<string, { v4: Cidr | null; v6: Cidr | null }>();
  s.vpcs.forEach((v, i) => {
    const v4 = block(v.cidr, 4, `vpcs[${i}].cidr`, issues);
    if (v4 && (v4.prefix < 16 || v4.prefix > 28)) {
      issues.push(
        error(
          'InvalidVpc.Range',
          `vpcs[${i}].cidr`,
          `A VPC's IPv4 block must be between /16 and /28; ${v.cidr} is /${v4.prefix}.`,
        ),
      );
    }
    vpcBlocks.set(v.id, { v4, v6: block(v.ipv6Cidr, 6, `vpcs[${i}].ipv6Cidr`, issues) });
  });
  const placed: { vpcId: string; cidr: Cidr; path: string }[] = [];
  s.subnets.forEach((sn, i) => {
    const path = `subnets[${i}]`;
    const vpc = vpcBlocks.get(sn.vpcId);
    if (!vpc)
      issues.push(
        error('InvalidVpcID.NotFound', `${path}.vpcId`, `The VPC '${sn.vpcId}' does not exist.`),
      );
    const v4 = block(sn.cidr, 4, `${path}.cidr`, issues);
    if (v4 && vpc?.v4 && !cidrCovers(vpc.v4, v4)) {
      issues.push(
        error(
          'InvalidSubnet.Range',
          `${path}.cidr`,
          `The subnet block ${sn.cidr} is not inside its VPC's block.`,
        ),
      );
    }
    if (v4 && (v4.prefix < 16 || v4.prefix > 28)) {
      issues.push(
        error(
          'InvalidSubnet.Range',
          `${path}.cidr`,
          `A subnet's IPv4 block must be between /16 and /28.`,
        ),
      );
    }
    if (v4) {
      const clash = placed.find((p) => p.vpcId === sn.vpcId && cidrOverlaps(p.cidr, v4));
      if (clash)
        issues.push(
          error(
            'InvalidSubnet.Conflict',
            `${path}.cidr`,
            `The subnet block ${sn.cidr} overlaps ${clash.path}.`,
          ),
        );
      placed.push({ vpcId: sn.vpcId, cidr: v4, path: `${path}.cidr` });
    }
    const v6 = block(sn.ipv6Cidr, 6, `${path}.ipv6Cidr`, issues);
    if (v6 && vpc && !vpc.v6) {
      issues.push(
        error(
          'InvalidSubnet.Range',
          `${path}.ipv6Cidr`,
          'The subnet has an IPv6 block but its VPC has none.',
        ),
      );
    } else if (v6 && vpc?.v6 && !cidrCovers(vpc.v6, v6)) {
      issues.push(
        error(
          'InvalidSubnet.Range',
          `${path}.ipv6Cidr`,
          `The subnet block ${sn.ipv6Cidr} is not inside its VPC's IPv6 block.`,
        ),
      );
    }
  });
  return issues;
}

function validatePrefixLists(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  (s.prefixLists ?? []).forEach((pl, i) => {
    const family = pl.addressFamily === 'IPv4' ? 4 : 6;
    pl.entries.forEach((e, j) =>
      block(e.cidr, family, `prefixLists[${i}].entries[${j}].cidr`, issues),
    );
    if (pl.maxEntries !== undefined && pl.entries.length > pl.maxEntries) {
      issues.push(
        error(
          'PrefixListMaxEntriesExceeded',
          `prefixLists[${i}].entries`,
          `The list has ${pl.entries.length} entries but a maximum of ${pl.maxEntries}.`,
        ),
      );
    }
  });
  return issues;
}

/**
 * Instances change rarely, and a rule edit touches them only through their groups' VPC and rule
 * counts: the same instances, subnets and such a signature give the same issues (an account may
 * hold 60,000 instances, and every edit validates the document).
 */
const instanceIssues = new WeakMap<
  Scenario['instances'],
  { subnets: Scenario['subnets']; groups: string; issues: Issue[] }
>();

function validateInstances(s: Scenario): Issue[] {
  const signature = s.securityGroups
    .map((g) => `${g.id} ${g.vpcId} ${Math.max(g.inbound.length, g.outbound.length)}`)
    .join('|');
  const hit = instanceIssues.get(s.instances);
  if (hit && hit.subnets === s.subnets && hit.groups === signature) return hit.issues;
  const issues = instanceIssuesOf(s);
  instanceIssues.set(s.instances, { subnets: s.subnets, groups: signature, issues });
  return issues;
}

function instanceIssuesOf(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const groups = new Map(s.securityGroups.map((g) => [g.id, g]));
  const used = new Map<string, string>();
  s.instances.forEach((inst, i) => {
    issues.push(...oneInstanceIssues(inst, i, subnets, groups, used));
  });
  return issues;
}

/**
 * The issues of one instance, as validateWorld reports them, without the others': its address is
 * checked against the instances before it. A draft of one field at 60,000 instances asks this.
 */
export function validateInstanceAt(s: Scenario, index: number): Issue[] {
  const inst = s.instances[index];
  if (!inst) return [];
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const groups = new Map(s.securityGroups.map((g) => [g.id, g]));
  const used = new Map<string, string>();
  const vpcOf = (x: Instance) => subnets.get(x.subnetId)?.vpcId;
  // an earlier instance holds the address only if it was valid where it stands (as in the walk)
  for (let k = 0; k < index && !used.size; k++) {
    const x = s.instances[k] as Instance;
    if (x.privateIp !== inst.privateIp || vpcOf(x) !== vpcOf(inst)) continue;
    const before = new Map<string, string>();
    oneInstanceIssues(x, k, subnets, groups, before);
    for (const [key, id] of before) used.set(key, id);
  }
  return oneInstanceIssues(inst, index, subnets, groups, used);
}

function oneInstanceIssues(
  inst: Instance,
  i: number,
  subnets: ReadonlyMap<string, Subnet>,
  groups: ReadonlyMap<string, SecurityGroup>,
  used: Map<string, string>,
): Issue[] {
  const issues: Issue[] = [];
  const path = `instances[${i}]`;
  const subnet = subnets.get(inst.subnetId);
  if (!subnet)
    issues.push(
      error(
        'InvalidSubnetID.NotFound',
        `${path}.subnetId`,
        `The subnet '${inst.subnetId}' does not exist.`,
      ),
    );
  const ip = parseIp(inst.privateIp);
  const sn4 = subnet ? parseCidr(subnet.cidr, 4) : null;
  if (!ip || ip.family !== 4) {
    issues.push(
      error(
        'InvalidParameterValue',
        `${path}.privateIp`,
        `${inst.privateIp} is not an IPv4 address.`,
      ),
    );
  } else if (sn4?.ok) {
    if (!cidrContains(sn4.cidr, ip)) {
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.privateIp`,
          `${inst.privateIp} is not inside subnet ${subnet?.id} (${subnet?.cidr}).`,
        ),
      );
    } else if (reservedOffsets(sn4.cidr).includes(ip.value - Number(sn4.cidr.lo))) {
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.privateIp`,
          `${inst.privateIp} is reserved by AWS: the first four addresses and the last one of every subnet are.`,
        ),
      );
    }
    const key = `${subnet?.vpcId}|${inst.privateIp}`;
    const other = used.get(key);
    if (other)
      issues.push(
        error(
          'InvalidIPAddress.InUse',
          `${path}.privateIp`,
          `${inst.privateIp} is already used by ${other}.`,
        ),
      );
    else used.set(key, inst.id);
  }
  if (inst.publicIp !== undefined) {
    const pub = parseIp(inst.publicIp);
    if (!pub || pub.family !== 4)
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.publicIp`,
          `${inst.publicIp} is not an IPv4 address.`,
        ),
      );
    else if (subnet && !subnet.public) {
      issues.push(
        warning(
          'PublicIpInPrivateSubnet',
          `${path}.publicIp`,
          `${inst.id} has a public IP but its subnet has no route to an internet gateway, so the internet cannot reach it.`,
        ),
      );
    }
  }
  if (inst.ipv6 !== undefined) {
    const v6 = parseIp(inst.ipv6);
    const snv6 = subnet?.ipv6Cidr ? parseCidr(subnet.ipv6Cidr, 6) : null;
    if (!v6 || v6.family !== 6)
      issues.push(
        error('InvalidParameterValue', `${path}.ipv6`, `${inst.ipv6} is not an IPv6 address.`),
      );
    else if (!snv6?.ok)
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.ipv6`,
          `${inst.id} has an IPv6 address but its subnet has no IPv6 block.`,
        ),
      );
    else if (!cidrContains(snv6.cidr, v6))
      issues.push(
        error(
          'InvalidParameterValue',
          `${path}.ipv6`,
          `${inst.ipv6} is not inside ${subnet?.ipv6Cidr}.`,
        ),
      );
  }
  const n = inst.securityGroupIds.length;
  if (n === 0)
    issues.push(
      error(
        'MissingParameter',
        `${path}.securityGroupIds`,
        'An interface needs at least one security group.',
      ),
    );
  if (n > QUOTAS.groupsPerInterface) {
    issues.push(
      error(
        'SecurityGroupsPerInstanceLimitExceeded',
        `${path}.securityGroupIds`,
        `${n} groups are attached; an interface takes at most ${QUOTAS.groupsPerInterface}.`,
      ),
    );
  }
  issues.push(
    ...checkAttachedGroups(
      inst.securityGroupIds,
      subnet?.vpcId,
      groups,
      `${path}.securityGroupIds`,
    ),
  );
  return issues;
}

function checkAttachedGroups(
  ids: readonly string[],
  vpcId: string | undefined,
  groups: ReadonlyMap<
    string,
    { vpcId: string; inbound: readonly unknown[]; outbound: readonly unknown[] }
  >,
  path: string,
): Issue[] {
  const issues: Issue[] = [];
  let product = 0;
  ids.forEach((id, j) => {
    const g = groups.get(id);
    if (!g)
      issues.push(
        error(
          'InvalidGroup.NotFound',
          `${path}[${j}]`,
          `The security group '${id}' does not exist`,
        ),
      );
    else {
      if (vpcId && g.vpcId !== vpcId)
        issues.push(
          error(
            'InvalidGroup.NotFound',
            `${path}[${j}]`,
            `${id} belongs to ${g.vpcId}; only groups of the interface's own VPC can be attached.`,
          ),
        );
      product = Math.max(product, g.inbound.length, g.outbound.length);
    }
    if (ids.indexOf(id) !== j)
      issues.push(error('InvalidParameterValue', `${path}[${j}]`, `${id} is attached twice.`));
  });
  if (product * ids.length > QUOTAS.rulesTimesGroups) {
    issues.push(
      error(
        'RulesPerSecurityGroupLimitExceeded',
        path,
        `Rules per group × groups per interface is ${product * ids.length}; AWS allows at most ${QUOTAS.rulesTimesGroups}.`,
      ),
    );
  }
  return issues;
}

function validateLoadBalancers(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  if (!s.loadBalancers?.length) return issues;
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const instances = new Map(s.instances.map((x) => [x.id, x]));
  const groups = new Map(s.securityGroups.map((g) => [g.id, g]));
  (s.loadBalancers ?? []).forEach((lb, i) => {
    const path = `loadBalancers[${i}]`;
    const zones = new Set<string>();
    let vpcId: string | undefined;
    lb.subnetIds.forEach((id, j) => {
      const sn = subnets.get(id);
      if (!sn)
        return void issues.push(
          error(
            'InvalidSubnetID.NotFound',
            `${path}.subnetIds[${j}]`,
            `The subnet '${id}' does not exist.`,
          ),
        );
      if (zones.has(sn.availabilityZone))
        issues.push(
          error(
            'InvalidConfigurationRequest',
            `${path}.subnetIds[${j}]`,
            `A load balancer takes one subnet per Availability Zone; ${sn.availabilityZone} has two.`,
          ),
        );
      zones.add(sn.availabilityZone);
      if (vpcId && sn.vpcId !== vpcId)
        issues.push(
          error(
            'InvalidConfigurationRequest',
            `${path}.subnetIds[${j}]`,
            'All subnets of a load balancer are in one VPC.',
          ),
        );
      vpcId ??= sn.vpcId;
      if (lb.scheme === 'internet-facing' && !sn.public) {
        issues.push(
          warning(
            'InternetFacingInPrivateSubnet',
            `${path}.subnetIds[${j}]`,
            `${lb.name} is internet-facing but ${id} is a private subnet: the internet cannot reach that node.`,
          ),
        );
      }
    });
    if (lb.type === 'application' && zones.size < 2) {
      issues.push(
        error(
          'InvalidConfigurationRequest',
          `${path}.subnetIds`,
          'An Application Load Balancer needs subnets in at least two Availability Zones.',
        ),
      );
    }
    if (lb.type === 'application' && lb.securityGroupIds.length === 0) {
      issues.push(
        error(
          'MissingParameter',
          `${path}.securityGroupIds`,
          'An Application Load Balancer always has at least one security group.',
        ),
      );
    }
    issues.push(
      ...checkAttachedGroups(lb.securityGroupIds, vpcId, groups, `${path}.securityGroupIds`),
    );
    lb.listeners.forEach((l, j) => {
      for (const [field, port] of [
        ['port', l.port],
        ['targetPort', l.targetPort],
      ] as const) {
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          issues.push(
            error(
              'ValidationError',
              `${path}.listeners[${j}].${field}`,
              `Listener ports are 1 to 65535; ${port} is not.`,
            ),
          );
      }
    });
    lb.targetInstanceIds.forEach((id, j) => {
      const t = instances.get(id);
      if (!t)
        issues.push(
          error(
            'TargetNotFound',
            `${path}.targetInstanceIds[${j}]`,
            `The instance '${id}' does not exist.`,
          ),
        );
      else if (vpcId && subnets.get(t.subnetId)?.vpcId !== vpcId)
        issues.push(
          error(
            'InvalidTarget',
            `${path}.targetInstanceIds[${j}]`,
            `${id} is in another VPC than the load balancer.`,
          ),
        );
    });
  });
  return issues;
}

function validateHosts(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const vpcBlocks = s.vpcs
    .flatMap((v) => [v.cidr, v.ipv6Cidr ?? ''])
    .map((c) => parseCidr(c))
    .flatMap((r) => (r.ok ? [r.cidr] : []));
  (s.hosts ?? []).forEach((h, i) => {
    const ip = parseIp(h.ip);
    if (!ip)
      issues.push(
        error('InvalidParameterValue', `hosts[${i}].ip`, `${h.ip} is not an IP address.`),
      );
    else if (vpcBlocks.some((c) => cidrContains(c, ip))) {
      issues.push(
        warning(
          'HostInsideVpc',
          `hosts[${i}].ip`,
          `${h.ip} is inside a VPC's block; an outside host should have an address outside every VPC.`,
        ),
      );
    }
  });
  return issues;
}
