/**
 * What the internet can open on each instance: the badges of the topology ("SSH open to the
 * internet", "HTTPS reachable from the internet via shop-alb"). "The internet" is any address: a
 * service counts only when two unrelated outside addresses both get in, so a rule for one office
 * or for My IP does not make a badge. What each group and each subnet's ACL let in is known once
 * (cached by group), so an instance is a few ANDs and a rule edit looks at one group again.
 */
import type { LoadBalancer, Scenario } from '../model';
import { parseIp, youHost, type Ip } from '../model';
import { compile, type Compiled, type CompiledGroup, type Iface } from './compile';
import { nodeToTarget, routes, targetHealth, toNode } from './lb-path';
import { ruleMatches } from './match';
import { OverlayMap } from './overlay-map';
import { aclHop, passes } from './path';
import { runSteps, type Steps } from './steps';

export interface ExposedService {
  readonly label: string;
  readonly port: number;
  /** Admin and database services open to the world are a danger; web services are expected. */
  readonly risk: 'danger' | 'expected';
  /** The load balancer it is reached through, when not directly. */
  readonly via?: { readonly id: string; readonly name: string };
  /** Who gets in: anyone on the internet, or only the "You" host (My IP). */
  readonly audience: 'internet' | 'you';
  /** Over IPv6 (the instance's IPv6 address) rather than its public IPv4 address. */
  readonly ipv6?: boolean;
}

const SERVICES: readonly Omit<ExposedService, 'via' | 'audience'>[] = [
  { label: 'SSH', port: 22, risk: 'danger' },
  { label: 'RDP', port: 3389, risk: 'danger' },
  { label: 'MySQL', port: 3306, risk: 'danger' },
  { label: 'PostgreSQL', port: 5432, risk: 'danger' },
  { label: 'HTTP', port: 80, risk: 'expected' },
  { label: 'HTTPS', port: 443, risk: 'expected' },
];

/** Documentation (RFC 5737) and benchmarking (RFC 2544) addresses: nobody's office. */
const PROBES = ['192.0.2.1', '198.18.0.1'].map((a) => parseIp(a) as Ip);
/** The IPv6 documentation block (RFC 3849), two far-apart addresses. */
const PROBES6 = ['2001:db8::1', '2001:db8:ffff::1'].map((a) => parseIp(a) as Ip);

/**
 * The (service, probe) pairs, as bits: for each service the two world probes, the two IPv6 probes
 * and You. A direct path from outside is the gateway, the subnet's ACL in, the groups inbound (on
 * the public path: group references never match), a running receiver and the ACL out for the
 * reply — so per group and per subnet the bits are known once, and an instance is their AND.
 */
const PER_SERVICE = 5;
/** 6 services × 5 probes: 30 bits, one number. */
const bit = (service: number, probe: number): number => 1 << (service * PER_SERVICE + probe);

/** Probes 0–1: the world over IPv4; 2–3: over IPv6; 4: You (IPv4). */
const probesOf = (you: Ip | null): (Ip | null)[] => [...PROBES, ...PROBES6, you];

const byGroup = new WeakMap<CompiledGroup, { you: Ip | null; bits: number }>();
const bySubnet = new WeakMap<Compiled, Map<string, number>>();

/** Which (service, probe) packets one of the group's inbound rules admits. */
function groupOpens(c: Compiled, g: CompiledGroup, you: Ip | null): number {
  const hit = byGroup.get(g);
  if (hit && hit.you?.value === you?.value) return hit.bits;
  const ctx = { members: c.members, publicPath: true };
  const probes = probesOf(you);
  let bits = 0;
  SERVICES.forEach((svc, k) => {
    const pkt = { protocol: 6, port: svc.port };
    probes.forEach((ip, p) => {
      if (ip && g.inbound.some((r) => ruleMatches(r, pkt, ip, ctx))) bits |= bit(k, p);
    });
  });
  byGroup.set(g, { you, bits });
  return bits;
}

/** Which (service, probe) packets the subnet's ACL lets in, with their replies out. */
function subnetOpens(c: Compiled, subnet: Iface['subnet'], you: Ip | null): number {
  let perCompiled = bySubnet.get(c);
  if (!perCompiled) bySubnet.set(c, (perCompiled = new Map()));
  const hit = perCompiled.get(subnet.id);
  if (hit !== undefined) return hit;
  const probes = probesOf(you);
  let bits = 0;
  SERVICES.forEach((svc, k) => {
    const pkt = { protocol: 6, port: svc.port };
    probes.forEach((ip, p) => {
      if (!ip) return;
      const hops = [
        ...aclHop(c, subnet, 'inbound', ip, false),
        ...aclHop(c, subnet, 'outbound', ip, true),
      ];
      if (passes(c, hops, pkt)) bits |= bit(k, p);
    });
  });
  perCompiled.set(subnet.id, bits);
  return bits;
}

const ALL = 2 ** (SERVICES.length * PER_SERVICE) - 1;
/** Per probe, the bits of every service. */
const probeColumn = (p: number): number => SERVICES.reduce((acc, _, k) => acc | bit(k, p), 0);
const V4 = probeColumn(0) | probeColumn(1) | probeColumn(4);
const V6 = probeColumn(2) | probeColumn(3);

function directExposure(c: Compiled, iface: Iface, you: Ip | null): ExposedService[] {
  // the internet gateway routes only to a public subnet, to a public IPv4 or an IPv6 address
  if (!iface.running || !iface.subnet.public) return [];
  let groups = iface.groupIds.length === 0 ? ALL : 0;
  for (const gid of iface.groupIds) {
    const g = c.groups.get(gid);
    if (g) groups |= groupOpens(c, g, you);
  }
  const open = groups & subnetOpens(c, iface.subnet, you);
  // the IPv6 address is read (a BigInt each) only where something opens to the world over IPv6:
  // at 60,000 instances, 30,000 sit in public subnets
  const route = (iface.publicIp ? V4 : 0) | ((open & V6) !== 0 && iface.ipv6 ? V6 : 0);
  return route === 0 ? [] : servicesOf(route & open);
}

/** The badges of a set of open (service, probe) bits: one shared list per set. */
const lists = new Map<number, ExposedService[]>();
function servicesOf(open: number): ExposedService[] {
  let out = lists.get(open);
  if (out) return out;
  out = [];
  const has = (k: number, p: number) => (open & bit(k, p)) !== 0;
  for (const [k, svc] of SERVICES.entries()) {
    if (has(k, 0) && has(k, 1)) out.push({ ...svc, audience: 'internet' });
    // My IP: what the learner's own machine can open, when the world cannot
    else if (has(k, 4)) out.push({ ...svc, risk: 'expected', audience: 'you' });
    if (has(k, 2) && has(k, 3)) out.push({ ...svc, audience: 'internet', ipv6: true });
  }
  lists.set(open, out);
  return out;
}

/**
 * Targets the internet reaches through an internet-facing load balancer, per listener: the same
 * legs as a flow to the balancer (the node's subnet ACL and groups, then the node's leg to each
 * healthy target, with the replies), asked for every probe.
 */
function throughLoadBalancer(
  c: Compiled,
  lb: LoadBalancer,
  into: Map<string, readonly ExposedService[]>,
) {
  if (lb.scheme !== 'internet-facing') return;
  const nodes = c.lbNodes.get(lb.id) ?? [];
  for (const listener of lb.listeners) {
    if (!['tcp', 'http', 'https', 'tls', 'tcp_udp'].includes(listener.protocol.toLowerCase()))
      continue;
    const pkt = { protocol: 6, port: listener.port };
    const known = SERVICES.find((s) => s.port === listener.port);
    const service = {
      label: known?.label ?? `TCP ${listener.port}`,
      port: listener.port,
      risk: known?.risk ?? 'expected',
      audience: 'internet' as const,
    };
    const data = { protocol: 6, port: listener.targetPort };
    const health = targetHealth(c, lb, listener);
    const { byNode } = routes(nodes, health);
    const exposed = new Set<Iface>();
    for (const node of nodes) {
      // the internet reaches this node, every probe of it
      const reaches = PROBES.every((ip) => {
        const r = toNode(c, { outside: { ip, name: 'a probe' } }, lb, node);
        return typeof r !== 'string' && passes(c, [...r.leg.hops, ...r.leg.reply], pkt);
      });
      if (!reaches) continue;
      for (const target of byNode.get(node) ?? []) {
        const ok = PROBES.every((ip) => {
          const leg = nodeToTarget(c, lb, node, target, data, ip);
          return passes(c, [...leg.hops, ...leg.reply], data);
        });
        if (ok) exposed.add(target);
      }
    }
    for (const target of exposed) {
      // copy: the direct list is cached and shared
      const entry = { ...service, via: { id: lb.id, name: lb.name } };
      into.set(target.id, [...(into.get(target.id) ?? []), entry]);
    }
  }
}

/** How much of a first read runs between two yields (a few ms each). */
const GROUPS_PER_STEP = 20;
const IFACES_PER_STEP = 500;

/** The direct badges of the newest document, to start the next one's from. */
let last: {
  readonly world: Compiled['instanceIfaces'];
  readonly you: Ip['value'] | undefined;
  readonly groups: ReadonlyMap<string, number>;
  readonly subnets: ReadonlyMap<string, number>;
  readonly out: OverlayMap<readonly ExposedService[]>;
} | null = null;

/**
 * Every instance's direct badges. After a rule edit the world is the same: only the instances
 * carrying a group whose bits changed are looked at again (a 60,000-instance account edits in
 * a few milliseconds).
 */
function* directAll(
  c: Compiled,
  you: Ip | null,
): Steps<ReadonlyMap<string, readonly ExposedService[]>> {
  const groups = new Map<string, number>();
  for (const [gid, g] of c.groups) {
    // a first read asks every rule of every group: the costly part of a large account
    if (groups.size % GROUPS_PER_STEP === GROUPS_PER_STEP - 1)
      yield (0.7 * groups.size) / c.groups.size;
    groups.set(gid, groupOpens(c, g, you));
  }
  const subnets = new Map<string, number>();
  // the internet gateway reaches public subnets only (directExposure asks no other)
  for (const subnet of c.subnets.values())
    if (subnet.public) subnets.set(subnet.id, subnetOpens(c, subnet, you));
  const prev = last;
  const same =
    prev &&
    prev.world === c.instanceIfaces &&
    prev.you === you?.value &&
    [...subnets].every(([id, bits]) => prev.subnets.get(id) === bits);
  let out: OverlayMap<readonly ExposedService[]>;
  if (!same) {
    const all = new Map<string, readonly ExposedService[]>();
    let read = 0;
    for (const [id, iface] of c.instanceIfaces) {
      if (++read % IFACES_PER_STEP === 0) yield 0.7 + (0.3 * read) / c.instanceIfaces.size;
      const d = directExposure(c, iface, you);
      if (d.length > 0) all.set(id, d);
    }
    out = OverlayMap.of(all);
  } else {
    const changed = [...new Set([...groups.keys(), ...prev.groups.keys()])].filter(
      (g) => groups.get(g) !== prev.groups.get(g),
    );
    // the instances of the groups that changed, over the last map: the rest is shared
    const changes = new Map<string, readonly ExposedService[] | undefined>();
    for (const g of changed)
      for (const iface of c.carriers.get(g) ?? []) {
        // balancer nodes carry groups too, and an id given twice is its last instance's
        if (c.instanceIfaces.get(iface.id) !== iface) continue;
        const d = directExposure(c, iface, you);
        changes.set(iface.id, d.length > 0 ? d : undefined);
      }
    out = prev.out.with(changes);
  }
  last = { world: c.instanceIfaces, you: you?.value, groups, subnets, out };
  return out;
}

/**
 * The instance ids whose exposure may differ between an earlier document's map and a later one's:
 * after an edit, only those the edit reached (the later map was made over the earlier); else all.
 */
export function exposureKeysToCompare(
  was: ReadonlyMap<string, readonly ExposedService[]>,
  now: ReadonlyMap<string, readonly ExposedService[]>,
): Iterable<string> {
  const few = now instanceof OverlayMap ? now.changedSince(was) : null;
  if (few) return new Set(few);
  const all = new Set(now.keys());
  for (const id of was.keys()) all.add(id);
  return all;
}

function youIp(s: Scenario): Ip | null {
  const host = youHost(s);
  const you = host ? parseIp(host.ip) : null;
  return you?.family === 4 ? you : null;
}

/**
 * A large document's first `exposure` a slice at a time (how far, 0 to 1, at each step); the
 * groups' openings and the direct badges are then kept, and `exposure(s)` is the quick edit path.
 */
export function* exposureInSteps(s: Scenario): Steps<void> {
  yield* directAll(compile(s), youIp(s));
}

/** Per instance id: the services the internet can open on it, directly or through a balancer. */
export function exposure(s: Scenario): ReadonlyMap<string, readonly ExposedService[]> {
  const c = compile(s);
  const direct = runSteps(directAll(c, youIp(s)));
  if (!s.loadBalancers?.length) return direct;
  const out = new Map(direct);
  for (const lb of s.loadBalancers) throughLoadBalancer(c, lb, out);
  return out;
}
