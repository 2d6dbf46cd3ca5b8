/** The engine's answer for one flow (scenario-format.md, "The verdict of one flow"). */

export type BlockedAt =
  | 'route'
  | 'source-state'
  | 'egress'
  | 'ingress'
  | 'load-balancer'
  | 'target'
  /** a network ACL: the request leaving its subnet, entering the destination's, or the reply */
  | 'nacl-outbound'
  | 'nacl-inbound'
  | 'nacl-response';

/**
 * Reason codes: AWS Reachability Analyzer's names where one fits (ux.md §2), so that learners meet
 * the same words in AWS; our own names otherwise.
 */
export type ReasonCode =
  | 'ENI_SG_RULES_MISMATCH'
  | 'SG_HAS_NO_RULES'
  | 'NO_ROUTE_TO_DESTINATION'
  | 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'
  | 'BAD_STATE'
  | 'ELB_LISTENER_PORT_RESTRICTION'
  | 'ELB_NO_HEALTHY_TARGETS'
  | 'UNKNOWN_ENDPOINT'
  | 'NOT_FILTERED'
  | 'RULE_MATCH'
  | 'STATEFUL_RESPONSE'
  | 'UNTRACKED_RESPONSE'
  /** EC2's own block of outbound TCP 25 to public addresses (aws-semantics.md §11) */
  | 'EC2_PORT_25_BLOCKED'
  /** a subnet's network ACL denied the packet (an entry or the final `*` rule) */
  | 'SUBNET_ACL_RESTRICTION';

/**
 * A security-group rule. A trace step names its filter (`filter`, `ownerId`: the group) as network
 * ACL entries do; elsewhere (findings, documents written before network ACLs) they are absent.
 */
export interface RuleRef {
  readonly filter?: 'security-group';
  readonly ownerId?: string;
  readonly groupId: string;
  readonly ruleId: string;
}

/** A network ACL entry that decided, by the ACL's id and the entry's number. */
export interface AclEntryRef {
  readonly filter: 'network-acl';
  readonly ownerId: string;
  readonly ruleNumber: number;
}

/** The rule of either filter that a step names. */
export type MatchedRule = RuleRef | AclEntryRef;

export const isAclEntryRef = (r: MatchedRule): r is AclEntryRef => r.filter === 'network-acl';

/** The id a step's location gives the internet gateway: the scenario names none, a VPC has one. */
export const INTERNET_GATEWAY = 'internet-gateway';

/**
 * Where a step happened, as data (the readable `at` is for people): an interface of an instance
 * or a load-balancer node (its owner's id and its subnet), a subnet's boundary, a gateway or the
 * balancer itself; and the direction the packet crossed it in.
 */
export interface StepLocation {
  readonly kind: 'interface' | 'subnet-boundary' | 'gateway' | 'load-balancer';
  /** the instance, load balancer, subnet or gateway */
  readonly id: string;
  readonly subnetId?: string;
  readonly direction?: 'inbound' | 'outbound';
}

/** The rule that matches in every field but one, and the field that failed. */
export interface NearestMiss extends RuleRef {
  readonly field: 'protocol' | 'port' | 'peer';
  readonly explanation: string;
}

export interface TraceStep {
  readonly at: string;
  readonly where?: StepLocation;
  readonly verdict: 'allow' | 'deny' | 'skip';
  readonly matchedRules: readonly MatchedRule[];
  readonly explanation: string;
  readonly code?: ReasonCode;
  readonly kind?:
    | 'route'
    | 'egress'
    | 'ingress'
    | 'network-acl'
    | 'load-balancer'
    | 'health'
    /** one (node, target) pair of a flow to a balancer, or their count */
    | 'pair'
    | 'response'
    | 'state';
  readonly nearestMiss?: NearestMiss;
  /**
   * False for a hop after the first blocker: the packet never got there. A pass there is `skip`;
   * a denial there is another blocker to fix as well.
   */
  readonly reached?: false;
  /** Address the rules compared against (the packet's remote address at this interface). */
  readonly remoteAddress?: string;
  /** The packet a network ACL judged here (a reply's ports are swapped; a balancer's leg has its own). */
  readonly packet?: {
    readonly protocol: number;
    readonly port?: number;
    readonly icmpType?: number;
    readonly icmpCode?: number;
  };
}

/** One (node, target) pair a balancer may use for a flow (scenario-format.md). */
export interface VerdictPair {
  readonly nodeSubnetId: string;
  /** '' when the node has no target to send to */
  readonly targetId: string;
  readonly allowed: boolean;
  readonly blockedAt?: string;
}

export interface FlowVerdict {
  readonly allowed: boolean;
  readonly blockedAt?: BlockedAt;
  readonly steps: readonly TraceStep[];
  /** A flow to a load balancer: every pair it may use; `allowed` only when every pair delivers. */
  readonly pairs?: readonly VerdictPair[];
}
