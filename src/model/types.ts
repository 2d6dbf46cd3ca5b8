/**
 * The scenario document, version 1 (scenario-format.md). Field names follow the EC2 API so that
 * a learner meets the words of the AWS console and CLI, and AWS JSON imports by renaming.
 */

export const SCENARIO_FORMAT = 'sg-lab.scenario';
export const SCENARIO_VERSION = 1;

export interface Scenario {
  readonly format: typeof SCENARIO_FORMAT;
  readonly version: typeof SCENARIO_VERSION;
  readonly name: string;
  readonly description?: string;
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly prefixLists?: readonly PrefixList[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly instances: readonly Instance[];
  readonly loadBalancers?: readonly LoadBalancer[];
  readonly hosts?: readonly Host[];
  readonly expectations?: readonly Expectation[];
  /** Subnet-level filters (scenario-format.md, "Network ACLs"); none: every subnet allows all. */
  readonly networkAcls?: readonly NetworkAcl[];
  /** AWS lifted this account's block of outbound TCP 25 to public addresses (default: not). */
  readonly ec2Port25Unblocked?: boolean;
  /**
   * Availability Zones that are down (AWS's zone state "unavailable"): their instances neither send
   * nor receive, and a load balancer's node there is no longer returned by DNS. A what-if state
   * of the simulation, kept with the world so a drill can be shared; exports leave it out.
   */
  readonly unavailableZones?: readonly string[];
}

/** A network ACL: numbered entries, lowest first, first match wins; allow and deny; stateless. */
export interface NetworkAcl {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  /** At most one per VPC: it serves every subnet of the VPC that no other ACL names. */
  readonly isDefault?: boolean;
  readonly subnetIds: readonly string[];
  readonly inbound: readonly NaclEntry[];
  readonly outbound: readonly NaclEntry[];
}

export interface NaclEntry {
  /** 1 to 32766, unique per ACL and direction; the final `*` entries are implicit. */
  readonly ruleNumber: number;
  readonly action: 'allow' | 'deny';
  /** As in a security-group rule ("-1" = all). */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** ICMP and ICMPv6: -1 = all. */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** Exactly one of the two. */
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
}

export interface Vpc {
  readonly id: string;
  readonly name?: string;
  readonly cidr: string;
  readonly ipv6Cidr?: string;
}

export interface Subnet {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly cidr: string;
  readonly ipv6Cidr?: string;
  /** Has a route to an internet gateway. */
  readonly public?: boolean;
}

export interface PrefixListEntry {
  readonly cidr: string;
  readonly description?: string;
}

export interface PrefixList {
  readonly id: string;
  readonly name: string;
  readonly addressFamily: 'IPv4' | 'IPv6';
  readonly entries: readonly PrefixListEntry[];
  /** Counts against rule quotas as AWS counts it (aws-semantics.md §6). */
  readonly maxEntries?: number;
}

export interface SecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly inbound: readonly Rule[];
  readonly outbound: readonly Rule[];
}

/** One rule, shaped like AWS's SecurityGroupRule: exactly one peer field is set. */
export interface Rule {
  readonly id?: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedGroupId?: string;
  readonly prefixListId?: string;
  readonly description?: string;
}

export const PEER_FIELDS = ['cidrIpv4', 'cidrIpv6', 'referencedGroupId', 'prefixListId'] as const;
export type PeerField = (typeof PEER_FIELDS)[number];

export type Direction = 'inbound' | 'outbound';

export interface Instance {
  readonly id: string;
  readonly name?: string;
  readonly subnetId: string;
  readonly privateIp: string;
  readonly publicIp?: string;
  readonly ipv6?: string;
  readonly securityGroupIds: readonly string[];
  readonly state?: 'running' | 'stopped';
  readonly kind?: string;
}

export interface Listener {
  readonly protocol: string;
  readonly port: number;
  readonly targetPort: number;
}

export interface LoadBalancer {
  readonly id: string;
  readonly name: string;
  readonly type: 'application' | 'network';
  readonly scheme: 'internet-facing' | 'internal';
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly listeners: readonly Listener[];
  readonly targetInstanceIds: readonly string[];
  readonly healthCheck?: { readonly protocol: string; readonly port: number };
  /** Cross-zone load balancing; default on for "application", off for "network" (§10.4). */
  readonly crossZone?: boolean;
}

/** An endpoint outside every VPC: the internet, an office, "You". */
export interface Host {
  readonly id: string;
  readonly name: string;
  readonly ip: string;
}

export type Via = 'private' | 'public' | 'ipv6';

export interface Expectation {
  readonly id?: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly port?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly via?: Via;
  /** The client's port (default 49152): a network ACL's reply entries must allow it. */
  readonly sourcePort?: number;
  readonly expect: 'allow' | 'deny';
  readonly note?: string;
}

/**
 * The client's port when a flow names none: inside the ephemeral ranges of Linux (32768–60999),
 * Windows (49152–65535) and Elastic Load Balancing / NAT gateways (1024–65535).
 */
export const DEFAULT_SOURCE_PORT = 49_152;

/** A flow to evaluate: an expectation without the expected outcome. */
export type Flow = Omit<Expectation, 'expect' | 'note' | 'id'> & {
  readonly expect?: Expectation['expect'];
};
