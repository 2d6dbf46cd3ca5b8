/**
 * Test-only: fast-check arbitraries for whole scenarios and flows. Small worlds (two VPCs whose
 * address blocks may overlap, public and private subnets, stopped instances, IPv6, hosts, prefix
 * lists, group references, sometimes a load balancer) where every field that changes a verdict
 * varies, so properties meet the corners.
 */
import fc from 'fast-check';
import type {
  Flow,
  Instance,
  NaclEntry,
  NetworkAcl,
  Rule,
  Scenario,
  SecurityGroup,
} from '../model';

const VPCS = [
  { id: 'vpc-a', cidr: '10.0.0.0/16', ipv6Cidr: '2600:1f18:aa::/56', v6: '2600:1f18:aa' },
  // overlaps vpc-a on purpose: group references and CIDRs must not leak across VPCs
  { id: 'vpc-b', cidr: '10.0.0.0/16', ipv6Cidr: '2600:1f18:bb::/56', v6: '2600:1f18:bb' },
] as const;

const HOSTS = [
  { id: 'host-internet', name: 'Internet', ip: '203.0.113.7' },
  { id: 'host-office', name: 'Office', ip: '198.51.100.77' },
  { id: 'host-v6', name: 'IPv6 client', ip: '2001:db8::7' },
];

const PREFIX_LIST = {
  id: 'pl-office',
  name: 'office',
  addressFamily: 'IPv4' as const,
  entries: [{ cidr: '198.51.100.0/24' }, { cidr: '10.0.1.0/24' }],
  maxEntries: 5,
};

const CIDRS = [
  '0.0.0.0/0',
  '::/0',
  '10.0.0.0/16',
  '10.0.0.0/24',
  '10.0.1.0/24',
  '10.0.0.11/32',
  '10.0.1.12/32',
  '203.0.113.0/24',
  '198.51.100.77/32',
  '54.0.0.0/8',
  '2600:1f18:aa::/56',
  '2600:1f18:aa::/64',
  '2001:db8::/32',
];

const rulePort = fc.constantFrom<[number, number]>(
  [22, 22],
  [80, 80],
  [443, 443],
  [0, 65535],
  [1000, 2000],
  [3306, 3306],
);
const ruleIcmp = fc.constantFrom<[number, number]>([-1, -1], [8, -1], [8, 0], [0, -1], [128, 0]);

type Peer = { kind: 'cidr'; value: string } | { kind: 'group'; index: number } | { kind: 'pl' };
const peer: fc.Arbitrary<Peer> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...CIDRS).map((value) => ({ kind: 'cidr' as const, value })),
  },
  { weight: 3, arbitrary: fc.nat(9).map((index) => ({ kind: 'group' as const, index })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pl' as const }) },
);

const ruleSpec = fc.record({
  protocol: fc.constantFrom('tcp', 'tcp', 'udp', 'icmp', 'icmpv6', '-1', '50'),
  ports: rulePort,
  icmp: ruleIcmp,
  peer,
});
type RuleSpec = typeof ruleSpec extends fc.Arbitrary<infer T> ? T : never;

const groupSpec = fc.record({
  vpc: fc.nat(1),
  inbound: fc.array(ruleSpec, { maxLength: 5 }),
  outbound: fc.array(ruleSpec, { maxLength: 4 }),
});

const instanceSpec = fc.record({
  vpc: fc.nat(1),
  publicSubnet: fc.boolean(),
  publicIp: fc.boolean(),
  ipv6: fc.boolean(),
  stopped: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  groups: fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 3 }),
  // the address of the instance before it, when that one is in a like subnet
  sharesAddress: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});

const entrySpec = fc.record({
  allow: fc.integer({ min: 0, max: 3 }).map((n) => n !== 0),
  protocol: fc.constantFrom('tcp', 'tcp', 'udp', 'icmp', 'icmpv6', '-1', '-1', '50'),
  ports: fc.constantFrom<[number, number]>(
    [22, 22],
    [80, 443],
    [443, 443],
    [1024, 65535],
    [1024, 65535],
    [32768, 60999],
    [0, 65535],
    [25, 25],
  ),
  icmp: ruleIcmp,
  cidr: fc.constantFrom(...CIDRS),
});
type EntrySpec = typeof entrySpec extends fc.Arbitrary<infer T> ? T : never;

/** Entries with distinct numbers (the document's order is not the numbers' order). */
const entries = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 4 }).chain((numbers) =>
  fc.tuple(
    fc.constant(numbers),
    fc.array(entrySpec, { minLength: numbers.length, maxLength: numbers.length }),
    // most lists end in allow-all entries, so that the ones before them act as exceptions
    fc.integer({ min: 0, max: 3 }).map((n) => n !== 0),
  ),
);

/** Per VPC: which ACL each subnet has (0 none, 1 its own, 2 shared, 3 the VPC's default). */
const aclSpec = fc.record({
  subnets: fc.tuple(fc.nat(3), fc.nat(3)),
  own: fc.tuple(fc.tuple(entries, entries), fc.tuple(entries, entries)),
  shared: fc.tuple(entries, entries),
  byDefault: fc.tuple(entries, entries),
});
type AclSpec = typeof aclSpec extends fc.Arbitrary<infer T> ? T : never;

export function buildEntry(spec: EntrySpec, ruleNumber: number): NaclEntry {
  const base = { ruleNumber, action: spec.allow ? ('allow' as const) : ('deny' as const) };
  const proto =
    spec.protocol === 'tcp' || spec.protocol === 'udp'
      ? { protocol: spec.protocol, fromPort: spec.ports[0], toPort: spec.ports[1] }
      : spec.protocol === 'icmp' || spec.protocol === 'icmpv6'
        ? { protocol: spec.protocol, icmpType: spec.icmp[0], icmpCode: spec.icmp[1] }
        : { protocol: spec.protocol };
  const cidr = spec.cidr.includes(':') ? { cidrIpv6: spec.cidr } : { cidrIpv4: spec.cidr };
  return { ...base, ...proto, ...cidr };
}

const ALLOW_ALL: readonly NaclEntry[] = [
  { ruleNumber: 100, action: 'allow', protocol: '-1', cidrIpv4: '0.0.0.0/0' },
  { ruleNumber: 101, action: 'allow', protocol: '-1', cidrIpv6: '::/0' },
];

const built = ([numbers, specs, allowAll]: readonly [
  readonly number[],
  readonly EntrySpec[],
  boolean,
]) => [
  ...numbers.map((n, i) => buildEntry(specs[i] as EntrySpec, n)),
  ...(allowAll ? ALLOW_ALL : []),
];

function buildAcls(specs: readonly AclSpec[]): NetworkAcl[] {
  const out: NetworkAcl[] = [];
  VPCS.forEach((v, vi) => {
    const spec = specs[vi];
    if (!spec) return;
    const subnetIds = [`subnet-${vi}-pub`, `subnet-${vi}-priv`];
    const acl = (
      id: string,
      dirs: readonly [Parameters<typeof built>[0], Parameters<typeof built>[0]],
      ids: string[],
      isDefault = false,
    ): NetworkAcl => ({
      id,
      vpcId: v.id,
      subnetIds: ids,
      inbound: built(dirs[0]),
      outbound: built(dirs[1]),
      ...(isDefault ? { isDefault: true } : {}),
    });
    const shared = subnetIds.filter((_, i) => spec.subnets[i] === 2);
    spec.subnets.forEach((kind, i) => {
      if (kind === 1)
        out.push(acl(`acl-${vi}-${i}`, spec.own[i] as AclSpec['shared'], [subnetIds[i] as string]));
    });
    if (shared.length > 0) out.push(acl(`acl-${vi}-shared`, spec.shared, shared));
    if (spec.subnets.includes(3)) out.push(acl(`acl-${vi}-default`, spec.byDefault, [], true));
  });
  return out;
}

export interface ScenarioSpec {
  readonly groups: readonly (typeof groupSpec extends fc.Arbitrary<infer T> ? T : never)[];
  readonly instances: readonly (typeof instanceSpec extends fc.Arbitrary<infer T> ? T : never)[];
  /** none, or a balancer's shape: internal across both zones or internet-facing in the public one */
  readonly loadBalancer:
    | false
    | {
        readonly internal: boolean;
        readonly network: boolean;
        readonly crossZone: boolean | null;
        readonly noGroups: boolean;
        /** a health-check port apart from the traffic port: often refused, so fail-open happens */
        readonly healthPort: number | null;
      };
}

function buildRule(
  spec: RuleSpec,
  groups: readonly SecurityGroup[],
  vpcId: string,
  id: string,
): Rule {
  const base: Rule =
    spec.protocol === 'tcp' || spec.protocol === 'udp'
      ? { id, protocol: spec.protocol, fromPort: spec.ports[0], toPort: spec.ports[1] }
      : spec.protocol === 'icmp' || spec.protocol === 'icmpv6'
        ? { id, protocol: spec.protocol, fromPort: spec.icmp[0], toPort: spec.icmp[1] }
        : { id, protocol: spec.protocol };
  const p = spec.peer;
  if (p.kind === 'pl') return { ...base, prefixListId: PREFIX_LIST.id };
  if (p.kind === 'group') {
    const same = groups.filter((g) => g.vpcId === vpcId);
    const target = same[p.index % Math.max(same.length, 1)];
    if (target) return { ...base, referencedGroupId: target.id };
  }
  const value = p.kind === 'cidr' ? p.value : '0.0.0.0/0';
  return value.includes(':') ? { ...base, cidrIpv6: value } : { ...base, cidrIpv4: value };
}

export function buildScenario(spec: ScenarioSpec): Scenario {
  const shells = spec.groups.map((g, i) => ({
    id: `sg-${i}`,
    name: `group-${i}`,
    description: 'generated',
    vpcId: VPCS[g.vpc]?.id ?? 'vpc-a',
    inbound: [] as Rule[],
    outbound: [] as Rule[],
  }));
  const securityGroups: SecurityGroup[] = shells.map((g, i) => {
    const gs = spec.groups[i];
    return {
      ...g,
      inbound: (gs?.inbound ?? []).map((r, j) => buildRule(r, shells, g.vpcId, `sgr-${i}-in-${j}`)),
      outbound: (gs?.outbound ?? []).map((r, j) =>
        buildRule(r, shells, g.vpcId, `sgr-${i}-out-${j}`),
      ),
    };
  });
  const subnets = VPCS.flatMap((v, vi) => [
    {
      id: `subnet-${vi}-pub`,
      vpcId: v.id,
      availabilityZone: 'us-east-1a',
      cidr: v.cidr.replace('0.0/16', '0.0/24'),
      ipv6Cidr: `${v.v6}:0::/64`,
      public: true,
    },
    {
      id: `subnet-${vi}-priv`,
      vpcId: v.id,
      availabilityZone: 'us-east-1b',
      cidr: v.cidr.replace('0.0/16', '1.0/24'),
      ipv6Cidr: `${v.v6}:1::/64`,
      public: false,
    },
  ]);
  // an instance with the address of the one before it: in the other VPC, which overlaps, or in
  // the same subnet, which AWS refuses but a hand-edited or damaged document may hold
  const hosts: number[] = [];
  spec.instances.forEach((s, i) => {
    const before = spec.instances[i - 1];
    const twin = s.sharesAddress && before?.publicSubnet === s.publicSubnet;
    hosts.push(twin ? (hosts[i - 1] as number) : 10 + i);
  });
  const instances: Instance[] = spec.instances.map((s, i) => {
    const vpc = VPCS[s.vpc] ?? VPCS[0];
    const same = securityGroups.filter((g) => g.vpcId === vpc.id);
    const groupIds = [...new Set(s.groups.map((n) => same[n % Math.max(same.length, 1)]?.id))];
    const third = s.publicSubnet ? 0 : 1;
    const host = hosts[i] as number;
    return {
      id: `i-${i}`,
      name: `app-${i}`,
      subnetId: `subnet-${s.vpc}-${s.publicSubnet ? 'pub' : 'priv'}`,
      privateIp: `10.0.${third}.${host}`,
      ...(s.publicIp ? { publicIp: `54.0.${s.vpc}.${10 + i}` } : {}),
      ...(s.ipv6 ? { ipv6: `${vpc.v6}:${third}::${(10 + i).toString(16)}` } : {}),
      securityGroupIds: groupIds.filter((g): g is string => g !== undefined),
      ...(s.stopped ? { state: 'stopped' as const } : {}),
    };
  });
  const vpcAInstances = instances.filter((i) => i.subnetId.startsWith('subnet-0'));
  const lbGroup = securityGroups.find((g) => g.vpcId === 'vpc-a');
  const loadBalancers =
    spec.loadBalancer && lbGroup && vpcAInstances.length > 0
      ? [
          {
            id: 'lb-app',
            name: 'app-lb',
            type: spec.loadBalancer.network ? ('network' as const) : ('application' as const),
            scheme: spec.loadBalancer.internal
              ? ('internal' as const)
              : ('internet-facing' as const),
            subnetIds: spec.loadBalancer.internal
              ? ['subnet-0-priv', 'subnet-0-pub']
              : ['subnet-0-pub'],
            securityGroupIds:
              spec.loadBalancer.network && spec.loadBalancer.noGroups ? [] : [lbGroup.id],
            listeners: [{ protocol: 'tcp', port: 443, targetPort: 443 }],
            targetInstanceIds: vpcAInstances.map((i) => i.id),
            ...(spec.loadBalancer.crossZone === null
              ? {}
              : { crossZone: spec.loadBalancer.crossZone }),
            ...(spec.loadBalancer.healthPort === null
              ? {}
              : { healthCheck: { protocol: 'TCP', port: spec.loadBalancer.healthPort } }),
          },
        ]
      : [];
  return {
    format: 'sg-lab.scenario',
    version: 1,
    name: 'generated',
    vpcs: VPCS.map(({ id, cidr, ipv6Cidr }) => ({ id, cidr, ipv6Cidr })),
    subnets,
    prefixLists: [PREFIX_LIST],
    securityGroups,
    instances,
    loadBalancers,
    hosts: HOSTS,
  };
}

const OPEN: readonly Rule[] = [
  { id: 'sgr-all4', protocol: '-1', cidrIpv4: '0.0.0.0/0' },
  { id: 'sgr-all6', protocol: '-1', cidrIpv6: '::/0' },
];

interface WorldSpec extends ScenarioSpec {
  readonly port25Unblocked: boolean;
  readonly acls: readonly [AclSpec, AclSpec] | null;
  readonly openGroups: boolean;
  /** A zone that is down (`unavailableZones`), now and then. */
  readonly zoneDown?: string | null;
}

/** Mostly every zone up; sometimes one down. */
const zoneDown = fc.constantFrom(null, null, null, null, 'us-east-1a', 'us-east-1b');

function buildWorld({ port25Unblocked, acls, openGroups, zoneDown, ...spec }: WorldSpec): Scenario {
  const networkAcls = acls ? buildAcls(acls) : [];
  const world = buildScenario(spec);
  return {
    ...world,
    ...(openGroups
      ? {
          securityGroups: world.securityGroups.map((g) => ({
            ...g,
            inbound: [...g.inbound, ...OPEN],
            outbound: [...g.outbound, ...OPEN],
          })),
        }
      : {}),
    ...(port25Unblocked ? { ec2Port25Unblocked: true } : {}),
    ...(networkAcls.length > 0 ? { networkAcls } : {}),
    ...(zoneDown ? { unavailableZones: [zoneDown] } : {}),
  };
}

export const arbitraryScenario: fc.Arbitrary<Scenario> = fc
  .record({
    groups: fc.array(groupSpec, { minLength: 1, maxLength: 6 }),
    instances: fc.array(instanceSpec, { minLength: 1, maxLength: 8 }),
    loadBalancer: fc.oneof(
      fc.constant(false as const),
      fc.record({
        internal: fc.boolean(),
        network: fc.boolean(),
        crossZone: fc.constantFrom(null, true, false),
        noGroups: fc.boolean(),
        healthPort: fc.constantFrom(null, null, 8080),
      }),
    ),
    port25Unblocked: fc.boolean(),
    // a third of the worlds have no ACL at all: every subnet allows everything
    acls: fc.option(fc.tuple(aclSpec, aclSpec), { freq: 2 }),
    // in some worlds the groups allow everything, so that the ACLs decide
    openGroups: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  })
  .map(buildWorld);

/**
 * Worlds where the ACLs decide nearly everything: one VPC, running instances with public
 * addresses, groups that allow all, ACLs on every subnet.
 */
export const arbitraryAclWorld: fc.Arbitrary<Scenario> = fc
  .record({
    groups: fc.array(groupSpec, { minLength: 1, maxLength: 2 }),
    instances: fc.array(
      instanceSpec.map((i) => ({ ...i, vpc: 0, publicIp: true, stopped: false })),
      { minLength: 2, maxLength: 6 },
    ),
    loadBalancer: fc.constant(false as const),
    port25Unblocked: fc.boolean(),
    acls: fc.tuple(
      aclSpec.map((a) => ({
        ...a,
        subnets: a.subnets.map((k) => (k === 0 ? 1 : k)) as unknown as [number, number],
      })),
      aclSpec,
    ),
    openGroups: fc.constant(true),
  })
  .map(buildWorld);

/**
 * Worlds with a balancer that clients can reach: one VPC, running instances with public
 * addresses, groups open half of the time (so health and delivery vary), ACLs sometimes.
 */
export const arbitraryLbWorld: fc.Arbitrary<Scenario> = fc
  .record({
    groups: fc.array(groupSpec, { minLength: 1, maxLength: 3 }),
    instances: fc.array(
      instanceSpec.map((i) => ({ ...i, vpc: 0, publicIp: true })),
      { minLength: 2, maxLength: 6 },
    ),
    loadBalancer: fc.record({
      internal: fc.boolean(),
      network: fc.boolean(),
      crossZone: fc.constantFrom(null, true, false),
      noGroups: fc.boolean(),
      healthPort: fc.constantFrom(null, 8080),
    }),
    port25Unblocked: fc.constant(false),
    zoneDown,
    acls: fc.option(fc.tuple(aclSpec, aclSpec), { freq: 3 }),
    openGroups: fc.boolean(),
  })
  .map(buildWorld);

/** Flows to the balancer, mostly on its listener's port. */
const lbFlows = (s: Scenario): fc.Arbitrary<Flow[]> => {
  const ids = [...s.instances.map((i) => i.id), ...(s.hosts ?? []).map((h) => h.id)];
  const lb = s.loadBalancers?.[0]?.id;
  if (!lb) return fc.constant([]);
  return fc.array(
    fc
      .record({
        from: fc.constantFrom(...ids),
        port: fc.constantFrom(443, 443, 443, 80),
        sourcePort: fc.constantFrom(undefined, 1000, 49152),
      })
      .map(({ sourcePort, ...f }) => ({
        ...f,
        to: lb,
        protocol: 'tcp',
        ...(sourcePort !== undefined ? { sourcePort } : {}),
      })),
    { minLength: 1, maxLength: 8 },
  );
};

/** A balancer world with flows to it. */
export const lbWorldWithFlows = arbitraryLbWorld.chain((s) => fc.tuple(fc.constant(s), lbFlows(s)));

export const arbitraryEntry: fc.Arbitrary<EntrySpec> = entrySpec;

export const arbitraryRule: fc.Arbitrary<RuleSpec> = ruleSpec;

/** A flow between two ids of the scenario (instances and hosts), any protocol, sometimes a path. */
export function arbitraryFlow(s: Scenario): fc.Arbitrary<Flow> {
  const ids = [...s.instances.map((i) => i.id), ...(s.hosts ?? []).map((h) => h.id)];
  // a flow may go to a load balancer too (the reference evaluator leaves those to the engine)
  const to = [...ids, ...(s.loadBalancers ?? []).map((l) => l.id)];
  return fc
    .record({
      from: fc.constantFrom(...ids),
      to: fc.constantFrom(...to),
      protocol: fc.constantFrom('tcp', 'tcp', 'udp', 'icmp', 'icmpv6', '50'),
      port: fc.constantFrom(22, 25, 80, 443, 443, 1500, 3306),
      icmpType: fc.constantFrom(8, 0, 128),
      via: fc.constantFrom(undefined, undefined, 'private', 'public', 'ipv6'),
      sourcePort: fc.constantFrom(undefined, undefined, 1000, 33000, 49152),
    })
    .map(({ via, port, icmpType, sourcePort, ...f }) => ({
      ...f,
      ...(f.protocol === 'tcp' || f.protocol === 'udp' ? { port } : {}),
      ...((f.protocol === 'tcp' || f.protocol === 'udp') && sourcePort !== undefined
        ? { sourcePort }
        : {}),
      ...(f.protocol === 'icmp' || f.protocol === 'icmpv6' ? { icmpType } : {}),
      ...(via ? { via: via as Flow['via'] & string } : {}),
    }));
}

const withFlows = (a: fc.Arbitrary<Scenario>) =>
  a.chain((s) =>
    fc.tuple(fc.constant(s), fc.array(arbitraryFlow(s), { minLength: 1, maxLength: 12 })),
  );

/** A scenario with a batch of flows through it. */
export const scenarioWithFlows = withFlows(arbitraryScenario);

/** A world where the ACLs decide, with flows. */
export const aclWorldWithFlows = withFlows(arbitraryAclWorld);

export { buildRule };
