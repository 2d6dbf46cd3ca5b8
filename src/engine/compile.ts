/**
 * A scenario compiled once into indexed form: rules parsed, interfaces with their addresses,
 * group membership as address sets. Groups compile through a cache keyed by the group object, so
 * after an immutable edit only the groups that changed are compiled again.
 */
import {
  cidrOf,
  parseIp,
  portModelOf,
  protocolNumberOf,
  ruleParts,
  type Cidr,
  type Direction,
  type Instance,
  type Ip,
  type PrefixList,
  type Rule,
  type Scenario,
  type SecurityGroup,
  type Subnet,
} from '../model';
import type {
  Compiled,
  CompiledGroup,
  CompiledPeer,
  CompiledRule,
  Iface,
  Members,
  PacketService,
} from './compiled-types';
import { compileAcls } from './compile-acl';
import { loadBalancerNodes } from './lb-nodes';
import { runSteps, type Steps } from './steps';

export type * from './compiled-types';

const groupCache = new WeakMap<
  SecurityGroup,
  { prefixLists: Scenario['prefixLists']; compiled: CompiledGroup }
>();
const scenarioCache = new WeakMap<Scenario, Compiled>();

function compileRule(
  rule: Rule,
  i: number,
  g: SecurityGroup,
  direction: Direction,
  pls: ReadonlyMap<string, PrefixList>,
): CompiledRule | null {
  const parts = ruleParts(rule);
  if (!parts) return null;
  const { protocol, peer } = parts;
  const model = portModelOf(protocol);
  // a CIDR or a group reference is already in its compiled shape; a prefix list gains its ranges
  let compiledPeer: CompiledPeer;
  if (peer.kind === 'prefix-list') {
    const list = pls.get(peer.id);
    const cidrs = (list?.entries ?? [])
      .map((e) => cidrOf(e.cidr))
      .filter((c): c is Cidr => c !== null);
    compiledPeer = { kind: 'prefix-list', id: peer.id, cidrs };
  } else compiledPeer = peer;
  return {
    groupId: g.id,
    ruleId: rule.id ?? `${direction}[${i}]`,
    direction,
    rule,
    protocol,
    ports: model,
    from: model === 'none' ? -1 : (parts.fromPort ?? -1),
    to: model === 'none' ? -1 : (parts.toPort ?? -1),
    peer: compiledPeer,
    anywhere: compiledPeer.kind === 'cidr' && compiledPeer.cidr.prefix === 0,
  };
}

/**
 * A group compiled on first use: a trace reads every rule, while a matrix for one service asks
 * only for the rules that may admit it (`candidates`), and most rules of a large account never
 * name that service.
 */
class LazyGroup implements CompiledGroup {
  readonly id: string;
  readonly vpcId: string;
  private lists: { inbound: CompiledRule[]; outbound: CompiledRule[]; ignored: number } | null =
    null;

  constructor(
    readonly source: SecurityGroup,
    private readonly pls: ReadonlyMap<string, PrefixList>,
  ) {
    this.id = source.id;
    this.vpcId = source.vpcId;
  }

  private all() {
    if (this.lists) return this.lists;
    let ignored = 0;
    const compileList = (direction: Direction): CompiledRule[] => {
      const out: CompiledRule[] = [];
      this.source[direction].forEach((r, i) => {
        const c = compileRule(r, i, this.source, direction, this.pls);
        if (c) out.push(c);
        else ignored++;
      });
      return out;
    };
    const inbound = compileList('inbound');
    const outbound = compileList('outbound');
    return (this.lists = { inbound, outbound, ignored });
  }

  get inbound(): readonly CompiledRule[] {
    return this.all().inbound;
  }

  get outbound(): readonly CompiledRule[] {
    return this.all().outbound;
  }

  get ignored(): number {
    return this.all().ignored;
  }

  candidates(direction: Direction, pkt: PacketService): readonly CompiledRule[] {
    if (this.lists) return this.lists[direction];
    const out: CompiledRule[] = [];
    this.source[direction].forEach((r, i) => {
      if (!mayAdmit(r, pkt)) return;
      const c = compileRule(r, i, this.source, direction, this.pls);
      if (c) out.push(c);
    });
    return out;
  }
}

/**
 * False only for a rule that cannot admit the packet whatever its other fields say: another
 * protocol, or a TCP/UDP range without the port. Three fields read, no message, no object.
 */
function mayAdmit(rule: Rule, pkt: PacketService): boolean {
  const n = protocolNumberOf(rule.protocol);
  if (n === null) return false;
  if (n === -1) return true;
  if (n !== pkt.protocol) return false;
  if (n !== 6 && n !== 17) return true;
  const { fromPort: a, toPort: b } = rule;
  const p = pkt.port ?? -1;
  return !(typeof a === 'number' && typeof b === 'number' && (p < a || p > b));
}

export function compileGroup(
  g: SecurityGroup,
  prefixLists: Scenario['prefixLists'],
): CompiledGroup {
  const hit = groupCache.get(g);
  if (hit && hit.prefixLists === prefixLists) return hit.compiled;
  const compiled = new LazyGroup(g, plsOf(prefixLists));
  groupCache.set(g, { prefixLists, compiled });
  return compiled;
}

/** The prefix lists by id, made once per list of lists (a scenario has one for all its groups). */
const plsCache = new WeakMap<readonly PrefixList[], ReadonlyMap<string, PrefixList>>();
const NO_LISTS: ReadonlyMap<string, PrefixList> = new Map();

function plsOf(prefixLists: Scenario['prefixLists']): ReadonlyMap<string, PrefixList> {
  if (!prefixLists) return NO_LISTS;
  let m = plsCache.get(prefixLists);
  if (!m) plsCache.set(prefixLists, (m = new Map(prefixLists.map((p) => [p.id, p]))));
  return m;
}

/**
 * An instance's interface. Its IPv6 address is read when a flow or a rule first asks for it: a
 * /16 full of instances would otherwise parse 60,000 of them before anything is shown.
 */
class InstanceIface implements Iface {
  readonly owner: Iface['owner'];
  readonly id: string;
  readonly name: string;
  readonly vpcId: string;
  readonly groupIds: readonly string[];
  readonly running: boolean;
  readonly publicIp?: Ip;
  readonly zoneDown?: boolean;
  private v6: Ip | null | undefined;

  constructor(
    readonly instance: Instance,
    readonly subnet: Subnet,
    readonly privateIp: Ip,
    publicIp: Ip | null,
    zoneDown: boolean,
  ) {
    this.owner = { kind: 'instance', instance };
    this.id = instance.id;
    this.name = instance.name ?? instance.id;
    this.vpcId = subnet.vpcId;
    this.groupIds = instance.securityGroupIds;
    this.running = instance.state !== 'stopped' && !zoneDown;
    if (publicIp?.family === 4) this.publicIp = publicIp;
    if (zoneDown) this.zoneDown = zoneDown;
  }

  get ipv6(): Ip | undefined {
    if (this.v6 === undefined) {
      const text = this.instance.ipv6;
      const ip = text ? parseIp(text) : null;
      this.v6 = ip?.family === 6 ? ip : null;
    }
    return this.v6 ?? undefined;
  }
}

function instanceIface(inst: Instance, subnet: Subnet, zoneDown: boolean): Iface | null {
  const privateIp = parseIp(inst.privateIp);
  if (!privateIp || privateIp.family !== 4) return null;
  const publicIp = inst.publicIp ? parseIp(inst.publicIp) : null;
  return new InstanceIface(inst, subnet, privateIp, publicIp, zoneDown);
}

/**
 * A group's members by address, each family's read when a trace first asks (a matrix finds
 * instances by their place on its axis instead). A class, not an object given getters afterwards:
 * each such object gets a hidden class of its own (every getter is another function), so reading
 * the members of 300 groups met 300 shapes.
 */
class GroupMembers implements Members {
  private four: ReadonlySet<number> | null = null;
  private six: ReadonlySet<bigint> | null = null;

  constructor(private readonly list: readonly Iface[]) {}

  get v4(): ReadonlySet<number> {
    return (this.four ??= new Set(this.list.map((i) => i.privateIp.value as number)));
  }

  get v6(): ReadonlySet<bigint> {
    return (this.six ??= new Set(
      this.list.flatMap((i) => (i.ipv6 ? [i.ipv6.value as bigint] : [])),
    ));
  }
}

/** Interfaces and group membership: they change only when instances, subnets or LBs change. */
interface World {
  readonly interfaces: readonly Iface[];
  readonly instanceIfaces: ReadonlyMap<string, Iface>;
  readonly lbNodes: ReadonlyMap<string, readonly Iface[]>;
  readonly members: ReadonlyMap<string, Members>;
  readonly carriers: ReadonlyMap<string, readonly Iface[]>;
  readonly subnets: ReadonlyMap<string, Subnet>;
}

const worldCache = new WeakMap<
  Scenario['instances'],
  {
    subnets: Scenario['subnets'];
    lbs: Scenario['loadBalancers'];
    down: Scenario['unavailableZones'];
    world: World;
  }
>();

/** The world's cache entry holds for this document (the same instances, subnets, LBs, zones). */
function cachedWorld(s: Scenario): World | null {
  const hit = worldCache.get(s.instances);
  return hit &&
    hit.subnets === s.subnets &&
    hit.lbs === s.loadBalancers &&
    hit.down === s.unavailableZones
    ? hit.world
    : null;
}

/** Instances read, interfaces placed and groups' members found between two yields of
 * `worldSteps`: a few milliseconds each at 60,000 instances, so that a slice ends near its aim. */
const STEP = 500;
const PLACED_STEP = 5000;
const GROUPS_STEP = 50;

/**
 * Reads the interfaces and group membership, yielding how far it got every few thousand
 * instances: `compileInSteps` lets the page paint between them, `compile` runs it through.
 */
function* worldSteps(s: Scenario): Steps<World> {
  const cached = cachedWorld(s);
  if (cached) return cached;
  const subnets = new Map(s.subnets.map((sn) => [sn.id, sn]));
  const down = new Set(s.unavailableZones);
  const interfaces: Iface[] = [];
  const instanceIfaces = new Map<string, Iface>();
  for (const [k, inst] of s.instances.entries()) {
    if (k > 0 && k % STEP === 0) yield (0.8 * k) / s.instances.length;
    const subnet = subnets.get(inst.subnetId);
    const iface = subnet ? instanceIface(inst, subnet, down.has(subnet.availabilityZone)) : null;
    if (!iface) continue;
    interfaces.push(iface);
    instanceIfaces.set(inst.id, iface);
  }
  const lbNodes = loadBalancerNodes(s.loadBalancers ?? [], subnets, s.instances, down);
  for (const nodes of lbNodes.values()) interfaces.push(...nodes);
  yield 0.8;
  const carriers = new Map<string, Iface[]>();
  for (const [k, iface] of interfaces.entries()) {
    if (k > 0 && k % PLACED_STEP === 0) yield 0.8 + (0.1 * k) / interfaces.length;
    for (const gid of iface.groupIds) {
      const list = carriers.get(gid);
      if (list) list.push(iface);
      else carriers.set(gid, [iface]);
    }
  }
  yield 0.9;
  const members = new Map<string, Members>();
  for (const [gid, list] of carriers) {
    if (members.size > 0 && members.size % GROUPS_STEP === 0)
      yield 0.9 + (0.1 * members.size) / carriers.size;
    members.set(gid, new GroupMembers(list));
  }
  const world = { interfaces, instanceIfaces, lbNodes, members, carriers, subnets };
  worldCache.set(s.instances, {
    subnets: s.subnets,
    lbs: s.loadBalancers,
    down: s.unavailableZones,
    world,
  });
  return world;
}

const compileWorld = (s: Scenario): World => runSteps(worldSteps(s));

/**
 * `compile(s)` a slice at a time, for a large document's first read: each step yields how far
 * it got (0 to 1); once done, `compile(s)` answers from its cache.
 */
export function* compileInSteps(s: Scenario): Steps<void> {
  if (scenarioCache.has(s)) return;
  yield* worldSteps(s);
  compile(s);
}

/**
 * Compiles a scenario; the same scenario object compiles once, and a new one (after an edit)
 * reuses every group and the whole world it shares with the last.
 */
export function compile(s: Scenario): Compiled {
  const hit = scenarioCache.get(s);
  if (hit) return hit;
  const groups = new Map(s.securityGroups.map((g) => [g.id, compileGroup(g, s.prefixLists)]));
  const vpcBlocks = new Map(
    s.vpcs.map((v) => [v.id, { v4: cidrOf(v.cidr), v6: v.ipv6Cidr ? cidrOf(v.ipv6Cidr) : null }]),
  );
  const acls = compileAcls(s);
  const compiled: Compiled = { scenario: s, groups, vpcBlocks, acls, ...compileWorld(s) };
  scenarioCache.set(s, compiled);
  return compiled;
}

/** The compiled rules of an interface's groups in one direction (the union, aws-semantics.md §4.1). */
export function rulesOf(
  c: Compiled,
  iface: Pick<Iface, 'groupIds'>,
  direction: Direction,
): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const gid of iface.groupIds) {
    const g = c.groups.get(gid);
    if (g) for (const r of g[direction]) out.push(r);
  }
  return out;
}
