/** What AWS creates for you (aws-semantics.md §3). */
import type { Host, LoadBalancer, Rule, Scenario, SecurityGroup, Vpc } from './types';

/** Outbound all traffic to 0.0.0.0/0, plus ::/0 when the VPC has an IPv6 block (§3.1, [J] for new groups). */
export function defaultEgress(vpc: Pick<Vpc, 'ipv6Cidr'>): Rule[] {
  const rules: Rule[] = [{ protocol: '-1', cidrIpv4: '0.0.0.0/0' }];
  if (vpc.ipv6Cidr) rules.push({ protocol: '-1', cidrIpv6: '::/0' });
  return rules;
}

/** What creating a group in this VPC gives it, in words (the create form promises exactly this). */
export function describeDefaultRules(vpc: Pick<Vpc, 'ipv6Cidr'>): string {
  const out = defaultEgress(vpc).map((r) => r.cidrIpv4 ?? r.cidrIpv6);
  return `A new group has no inbound rules (nothing gets in) and ${out.length === 1 ? 'one outbound rule' : 'two outbound rules'}: all traffic to ${out.join(' and to ')}${vpc.ipv6Cidr ? `, because this VPC has the IPv6 block ${vpc.ipv6Cidr}` : ''}.`;
}

/** A newly created group: no inbound rules, allow-all outbound (§3.1). */
export function newSecurityGroup(
  fields: Pick<SecurityGroup, 'id' | 'name' | 'description' | 'vpcId'>,
  vpc: Pick<Vpc, 'ipv6Cidr'>,
): SecurityGroup {
  return { ...fields, inbound: [], outbound: defaultEgress(vpc) };
}

/** The VPC's default group: all traffic from itself, allow-all outbound (§3.2). */
export function defaultSecurityGroup(id: string, vpc: Pick<Vpc, 'id' | 'ipv6Cidr'>): SecurityGroup {
  return {
    id,
    name: 'default',
    description: 'default VPC security group',
    vpcId: vpc.id,
    inbound: [{ protocol: '-1', referencedGroupId: id }],
    outbound: defaultEgress(vpc),
  };
}

/** Cross-zone load balancing: on for an ALB unless the document turns it off; off for an NLB (§10.4). */
export const crossZoneOf = (lb: Pick<LoadBalancer, 'type' | 'crossZone'>): boolean =>
  lb.crossZone ?? lb.type === 'application';

export const isDefaultGroup = (g: Pick<SecurityGroup, 'name'>): boolean => g.name === 'default';

/** A document with nothing in it yet: where a store starts when it is given nothing. */
export function emptyScenario(name = 'Untitled scenario'): Scenario {
  return {
    format: 'sg-lab.scenario',
    version: 1,
    name,
    vpcs: [],
    subnets: [],
    securityGroups: [],
    instances: [],
  };
}

/** "You": the host whose address My IP stands for (ux.md §1), by id or by name. */
export const isYouHost = (h: Pick<Host, 'id' | 'name'>): boolean =>
  h.id === 'host-you' || h.name.trim().toLowerCase() === 'you';

export function youHost(s: Pick<Scenario, 'hosts'>): Host | undefined {
  return s.hosts?.find(isYouHost);
}
