/**
 * computeReachability: every source × destination for one service.
 *
 * Flows between two instances of one VPC — nearly all pairs in a large scenario — are answered from
 * bitsets: instances sorted by private IPv4 address, so a CIDR is a run of bits found by binary
 * search; per group and direction, the instances its matching rules admit; per interface, the OR
 * of its groups. Group bitsets are cached by compiled group, so after an edit only the groups the
 * edit touched are rebuilt. Every other pair (load balancers, hosts, other VPCs) is rare and goes
 * through evaluateFlow itself, so both answers always agree.
 */
import type { Flow, Scenario } from '../model';
import { compile, type Compiled, type CompiledGroup, type Iface } from './compile';
import { evaluateDetail } from './evaluate';
import { portMatches, protocolMatches, type Packet } from './match';
import { packetOf } from './packet';

export interface Service {
  readonly protocol: string;
  readonly port?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

export interface Reachability {
  /** Ids of instances, then load balancers, then hosts. */
  readonly endpoints: readonly string[];
  isAllowed(from: number, to: number): boolean;
}

type Bits = Uint32Array;

/** Instances in address order: the axis every bitset is laid out on. */
interface AddressIndex {
  readonly ifaces: readonly Iface[];
  readonly addresses: Float64Array;
  readonly position: ReadonlyMap<Iface, number>;
  readonly words: number;
  readonly memberBits: Map<string, Bits>;
  readonly groupBits: WeakMap<CompiledGroup, Map<string, { inbound: Bits; outbound: Bits }>>;
}

const indexCache = new WeakMap<Compiled['members'], AddressIndex>();

function addressIndex(c: Compiled): AddressIndex {
  // members changes whenever an interface, its address or its groups change; rule edits keep it
  const hit = indexCache.get(c.members);
  if (hit) return hit;
  const ifaces = [...c.instanceIfaces.values()].sort(
    (a, b) => (a.privateIp.value as number) - (b.privateIp.value as number),
  );
  const index: AddressIndex = {
    ifaces,
    addresses: Float64Array.from(ifaces, (i) => i.privateIp.value as number),
    position: new Map(ifaces.map((iface, i) => [iface, i])),
    words: Math.ceil(ifaces.length / 32),
    memberBits: new Map(),
    groupBits: new WeakMap(),
  };
  indexCache.set(c.members, index);
  return index;
}

/** First position whose address is ≥ value. */
function lowerBound(a: Float64Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function setRun(bits: Bits, from: number, to: number): void {
  for (let i = from; i < to; i++) bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

function addRange(bits: Bits, index: AddressIndex, lo: number, hi: number): void {
  setRun(bits, lowerBound(index.addresses, lo), lowerBound(index.addresses, hi + 1));
}

function orInto(target: Bits, source: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) | (source[w] as number);
}

/** Positions whose private IPv4 address belongs to an interface of the group (§4.3). */
function membersOf(c: Compiled, index: AddressIndex, groupId: string): Bits {
  let bits = index.memberBits.get(groupId);
  if (bits) return bits;
  bits = new Uint32Array(index.words);
  for (const address of c.members.get(groupId)?.v4 ?? []) addRange(bits, index, address, address);
  index.memberBits.set(groupId, bits);
  return bits;
}

function directionBits(
  c: Compiled,
  index: AddressIndex,
  group: CompiledGroup,
  direction: 'inbound' | 'outbound',
  pkt: Packet,
): Bits {
  const bits = new Uint32Array(index.words);
  for (const rule of group[direction]) {
    if (!protocolMatches(rule, pkt) || !portMatches(rule, pkt)) continue;
    const peer = rule.peer;
    if (peer.kind === 'group') orInto(bits, membersOf(c, index, peer.groupId));
    else {
      for (const cidr of peer.kind === 'cidr' ? [peer.cidr] : peer.cidrs)
        if (cidr.family === 4) addRange(bits, index, cidr.lo, cidr.hi);
    }
  }
  return bits;
}

function groupBits(
  c: Compiled,
  index: AddressIndex,
  group: CompiledGroup,
  pkt: Packet,
  key: string,
) {
  let perService = index.groupBits.get(group);
  if (!perService) index.groupBits.set(group, (perService = new Map()));
  let bits = perService.get(key);
  if (!bits) {
    bits = {
      inbound: directionBits(c, index, group, 'inbound', pkt),
      outbound: directionBits(c, index, group, 'outbound', pkt),
    };
    perService.set(key, bits);
  }
  return bits;
}

const NOTHING: Reachability['isAllowed'] = () => false;

export function computeReachability(scenario: Scenario, service: Service): Reachability {
  const c = compile(scenario);
  const endpoints = [
    ...scenario.instances.map((i) => i.id),
    ...(scenario.loadBalancers ?? []).map((l) => l.id),
    ...(scenario.hosts ?? []).map((h) => h.id),
  ];
  const flowOf = (from: number, to: number): Flow => ({
    ...service,
    from: endpoints[from] as string,
    to: endpoints[to] as string,
  });
  const pkt = packetOf(flowOf(0, 0));
  if (typeof pkt === 'string') return { endpoints, isAllowed: NOTHING };

  const index = addressIndex(c);
  const key = `${pkt.protocol}/${pkt.port ?? ''}/${pkt.icmpType ?? ''}/${pkt.icmpCode ?? ''}`;
  // Per endpoint: its position on the address axis, or -1 when evaluateFlow must answer.
  const pos = new Int32Array(endpoints.length).fill(-1);
  const vpc: (string | undefined)[] = [];
  scenario.instances.forEach((inst, i) => {
    const iface = c.instanceIfaces.get(inst.id);
    // an id that resolves elsewhere (duplicates) is left to evaluateFlow
    if (iface?.owner.kind === 'instance' && iface.owner.instance === inst) {
      pos[i] = index.position.get(iface) ?? -1;
      vpc[i] = iface.vpcId;
    }
  });
  const egress: (Bits | undefined)[] = new Array(index.ifaces.length);
  const ingress: (Bits | undefined)[] = new Array(index.ifaces.length);
  const unionOf = (p: number, direction: 'inbound' | 'outbound'): Bits => {
    const bits = new Uint32Array(index.words);
    const iface = index.ifaces[p] as Iface;
    // an interface without groups filters nothing (like an NLB created without them)
    if (iface.running && iface.groupIds.length === 0) bits.fill(0xffffffff);
    else if (iface.running)
      for (const gid of iface.groupIds) {
        const g = c.groups.get(gid);
        if (g) orInto(bits, groupBits(c, index, g, pkt, key)[direction]);
      }
    return bits;
  };
  const slow = new Map<number, boolean>();
  const n = endpoints.length;

  return {
    endpoints,
    isAllowed(from, to) {
      const s = pos[from] as number;
      const d = pos[to] as number;
      if (s >= 0 && d >= 0 && s !== d && vpc[from] === vpc[to]) {
        const out = (egress[s] ??= unionOf(s, 'outbound'));
        if (((out[d >>> 5] as number) & (1 << (d & 31))) === 0) return false;
        const inb = (ingress[d] ??= unionOf(d, 'inbound'));
        return ((inb[s >>> 5] as number) & (1 << (s & 31))) !== 0;
      }
      const k = from * n + to;
      let allowed = slow.get(k);
      if (allowed === undefined) {
        allowed = evaluateDetail(c, flowOf(from, to)).verdict.allowed;
        slow.set(k, allowed);
      }
      return allowed;
    },
  };
}
