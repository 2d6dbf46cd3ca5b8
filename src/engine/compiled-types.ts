/**
 * The compiled form of a scenario, as types only: what compile.ts builds and everything in the
 * engine reads. Kept apart so that the builders (compile.ts, lb-nodes.ts) do not import each other.
 */
import type {
  Cidr,
  Direction,
  Instance,
  Ip,
  LoadBalancer,
  NaclEntry,
  NetworkAcl,
  PortModel,
  Rule,
  Scenario,
  SecurityGroup,
  Subnet,
} from '../model';

export type CompiledPeer =
  | { readonly kind: 'cidr'; readonly cidr: Cidr; readonly text: string }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'prefix-list'; readonly id: string; readonly cidrs: readonly Cidr[] };

export interface CompiledRule {
  readonly groupId: string;
  readonly ruleId: string;
  readonly direction: Direction;
  readonly rule: Rule;
  /** -1 = all protocols */
  readonly protocol: number;
  readonly ports: PortModel;
  /** tcp/udp: first and last port; icmp: type and code, -1 = any */
  readonly from: number;
  readonly to: number;
  readonly peer: CompiledPeer;
  /** The peer is 0.0.0.0/0 or ::/0 (decides untracked flows, aws-semantics.md §5.2). */
  readonly anywhere: boolean;
}

export interface CompiledGroup {
  readonly id: string;
  readonly vpcId: string;
  readonly source: SecurityGroup;
  readonly inbound: readonly CompiledRule[];
  readonly outbound: readonly CompiledRule[];
  /** Rules left out because they are invalid (the editor marks them; they take no effect). */
  readonly ignored: number;
  /**
   * At least every valid rule of the direction that may admit the packet (its protocol and port),
   * compiled; without compiling the others when the group was not compiled whole yet.
   */
  candidates(direction: Direction, pkt: PacketService): readonly CompiledRule[];
}

/** What `candidates` reads of a packet. */
export interface PacketService {
  readonly protocol: number;
  readonly port?: number | undefined;
}

/** A network interface: an instance's primary ENI, or one load-balancer node. */
export interface Iface {
  readonly id: string;
  readonly owner:
    | { readonly kind: 'instance'; readonly instance: Instance }
    | { readonly kind: 'lb'; readonly lb: LoadBalancer };
  readonly name: string;
  readonly subnet: Subnet;
  readonly vpcId: string;
  readonly privateIp: Ip;
  readonly publicIp?: Ip;
  readonly ipv6?: Ip | undefined;
  readonly groupIds: readonly string[];
  readonly running: boolean;
  /** Not running because its Availability Zone is down (the scenario's `unavailableZones`). */
  readonly zoneDown?: boolean;
}

export interface Members {
  readonly v4: ReadonlySet<number>;
  readonly v6: ReadonlySet<bigint>;
}

/** A network ACL entry, parsed: the number decides its turn (first match wins). */
export interface CompiledNaclEntry {
  readonly ruleNumber: number;
  readonly allow: boolean;
  /** -1 = all protocols */
  readonly protocol: number;
  readonly ports: PortModel;
  /** tcp/udp: first and last destination port; icmp: type and code, -1 = any */
  readonly from: number;
  readonly to: number;
  readonly cidr: Cidr;
  readonly entry: NaclEntry;
}

/** A network ACL with each direction's valid entries sorted by rule number. */
export interface CompiledAcl {
  readonly id: string;
  readonly name: string;
  readonly source: NetworkAcl;
  readonly inbound: readonly CompiledNaclEntry[];
  readonly outbound: readonly CompiledNaclEntry[];
}

export interface Compiled {
  readonly scenario: Scenario;
  readonly groups: ReadonlyMap<string, CompiledGroup>;
  readonly interfaces: readonly Iface[];
  readonly instanceIfaces: ReadonlyMap<string, Iface>;
  readonly lbNodes: ReadonlyMap<string, readonly Iface[]>;
  readonly members: ReadonlyMap<string, Members>;
  /** Per group, every interface carrying it: instances and balancer nodes. */
  readonly carriers: ReadonlyMap<string, readonly Iface[]>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  /**
   * Per subnet id, the ACL that filters its boundary: the one naming it, else its VPC's default
   * ACL when the document has one. A subnet absent here has AWS's untouched default (allow all).
   */
  readonly acls: ReadonlyMap<string, CompiledAcl>;
  readonly vpcBlocks: ReadonlyMap<string, { readonly v4: Cidr | null; readonly v6: Cidr | null }>;
}
