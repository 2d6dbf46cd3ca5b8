/** A lint finding about a scenario's groups (scenario-format.md `findings`). */
import type { Direction, Rule } from './types';
import type { RuleRef } from './verdict';

export type FindingCode =
  /** SSH or RDP open to 0.0.0.0/0 or ::/0 */
  | 'WORLD_OPEN_ADMIN_PORT'
  /** a database port open to the world */
  | 'WORLD_OPEN_DATABASE_PORT'
  /** another port on Security Hub's high-risk list open to the world */
  | 'WORLD_OPEN_HIGH_RISK_PORT'
  | 'ALL_TRAFFIC_FROM_ANYWHERE'
  | 'REDUNDANT_RULE'
  | 'DUPLICATE_RULE'
  | 'UNUSED_GROUP'
  | 'DEFAULT_GROUP_HAS_RULES'
  | 'NEAR_QUOTA'
  /** a network ACL's reply entries open less than 1024-65535: some clients' replies are dropped */
  | 'NACL_EPHEMERAL_NARROW'
  /** an ACL entry a lower-numbered entry always decides first */
  | 'NACL_SHADOWED_ENTRY'
  /** a deny entry after an allow that covers it: it never matches */
  | 'NACL_DENY_NEVER_MATCHES'
  /** a custom ACL with no entries in a direction: it denies everything that way */
  | 'NACL_NO_ENTRIES'
  | 'NACL_NEAR_QUOTA'
  /** a balancer's target in a zone the balancer has not enabled: it receives no traffic */
  | 'LB_TARGET_ZONE_NOT_ENABLED';

/** A safer source for a world-open rule, ready to apply. */
export interface Rewrite {
  readonly label: string;
  readonly peer: Pick<Rule, 'cidrIpv4' | 'cidrIpv6' | 'referencedGroupId'>;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: 'high' | 'medium' | 'low';
  /** The security group it concerns, or with `filter` the network ACL or the load balancer. */
  readonly groupId: string;
  readonly filter?: 'network-acl' | 'load-balancer';
  readonly direction?: Direction;
  readonly ruleId?: string;
  /** JSON path of the rule or group, as in validation issues. */
  readonly path: string;
  /** One line: "Inbound rule 3 of sg-web opens SSH (22) to the whole internet". */
  readonly title: string;
  /** Why it matters and what to do, for a learner. */
  readonly message: string;
  /** Compliance checks that flag the same thing in AWS. */
  readonly controls?: readonly string[];
  /** The rules it relates to: what covers a redundant rule, the original of a duplicate. */
  readonly related?: readonly RuleRef[];
  readonly rewrites?: readonly Rewrite[];
}

/** What a `no-finding` goal asks for, in words after "No": one phrase per code for every screen. */
const NO_FINDING_WORDS: Readonly<Record<FindingCode, string>> = {
  WORLD_OPEN_ADMIN_PORT: 'SSH or RDP open to the whole internet',
  WORLD_OPEN_DATABASE_PORT: 'database port open to the whole internet',
  WORLD_OPEN_HIGH_RISK_PORT: 'high-risk port open to the whole internet',
  ALL_TRAFFIC_FROM_ANYWHERE: 'rule allowing all traffic from anywhere',
  REDUNDANT_RULE: 'redundant rules',
  DUPLICATE_RULE: 'duplicate rules',
  UNUSED_GROUP: 'unused groups',
  DEFAULT_GROUP_HAS_RULES: 'rules in the default group',
  NEAR_QUOTA: 'group near its rule quota',
  NACL_EPHEMERAL_NARROW: "network ACL dropping some clients' replies",
  NACL_SHADOWED_ENTRY: 'shadowed network ACL entries',
  NACL_DENY_NEVER_MATCHES: 'network ACL deny entry that never matches',
  NACL_NO_ENTRIES: 'network ACL without entries',
  NACL_NEAR_QUOTA: 'network ACL near its entry quota',
  LB_TARGET_ZONE_NOT_ENABLED: 'target in a zone its balancer has not enabled',
};

/** "No SSH or RDP open to the whole internet": a no-finding goal as a learner reads it. */
export const noFindingLabel = (code: string): string =>
  `No ${(NO_FINDING_WORDS as Readonly<Record<string, string>>)[code] ?? code}`;
