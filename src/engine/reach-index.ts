/**
 * The address axis of the reachability matrix: instance interfaces sorted by private IPv4 address,
 * so a CIDR is one run of bit positions found by binary search. Per group and direction, a bitset
 * of the positions its rules admit for one service, cached by compiled group: an edit rebuilds only
 * the groups it touched.
 */
import type { Compiled, CompiledGroup, Iface } from './compile';
import { portMatches, protocolMatches, type Packet } from './match';
import { runSteps, runStepsFor, type Steps } from './steps';

export type Bits = Uint32Array;

export interface GroupBits {
  readonly inbound: Bits;
  readonly outbound: Bits;
}

export interface AddressIndex {
  readonly ifaces: readonly Iface[];
  readonly addresses: Float64Array;
  readonly position: ReadonlyMap<Iface, number>;
  readonly words: number;
  /** Positions carrying each group, running or not. */
  readonly attached: ReadonlyMap<string, Bits>;
  readonly running: Bits;
  /** Running interfaces without groups: nothing filters them. */
  readonly unfiltered: Bits;
  readonly vpcs: ReadonlyMap<string, Bits>;
  /** Per position, a number for its VPC: two positions in one VPC have the same. */
  readonly vpcNo: Int32Array;
  /** Every group some position carries, numbered; each position's groups by number. */
  readonly groupIds: readonly string[];
  readonly groupsFrom: Int32Array;
  readonly groupList: Int32Array;
  readonly memberBits: Map<string, Bits>;
  readonly groupBits: WeakMap<CompiledGroup, Map<string, GroupBits>>;
}

const indexCache = new WeakMap<Compiled['members'], AddressIndex>();

/** Bitsets cut from one buffer, at most: a buffer costs several times a view onto one to make. */
const PER_BUFFER = 64;
let pool = new Uint32Array(0);
let pooled = 0;

/**
 * A zeroed bitset of `words` words, for keeping: a view onto a buffer shared with the next ones
 * made (an account's first matrix makes ~900 at once). A view kept alive keeps its buffer: bitsets
 * made together mostly die together (a document's, a service's), so little is held for nothing.
 */
export function newBits(words: number): Bits {
  if (pooled + words > pool.length) {
    pool = new Uint32Array(words * PER_BUFFER);
    pooled = 0;
  }
  const bits = pool.subarray(pooled, pooled + words);
  pooled += words;
  return bits;
}

export const hasBit = (bits: Bits, i: number): boolean =>
  ((bits[i >>> 5] as number) & (1 << (i & 31))) !== 0;

export function setBit(bits: Bits, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

export function orInto(target: Bits, source: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) | (source[w] as number);
}

export function popcount(bits: Bits): number {
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w] as number;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/**
 * `list.map(make)` as an array of one shape. V8's own map builds a packed array until the
 * optimising compiler inlines it, and a holey one after: code reading the lists (every cell of a
 * matrix) then meets a second shape and is thrown away (after ~15 matrices in the bench).
 */
export function mapped<T, U>(list: readonly T[], make: (item: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out.push(make(list[i] as T, i));
  return out;
}

/** Calls `visit` with every set position. */
export function eachBit(bits: Bits, visit: (i: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w] as number;
    while (v !== 0) {
      const low = v & -v;
      visit((w << 5) + 31 - Math.clz32(low));
      v ^= low;
    }
  }
}

/**
 * Interfaces by address. The keys address × 2^21 + input order are exact in a double (32 + 21 bits)
 * and sort as numbers, without a comparator call per comparison (~1,000,000 at 60,000 interfaces).
 */
function sortedByAddress(list: readonly Iface[]): Iface[] {
  const address = (i: Iface) => i.privateIp.value as number;
  if (list.length > ORDER) return [...list].sort((a, b) => address(a) - address(b));
  // filled by hand: TypedArray.from with a mapping function takes the slow, generic path in V8
  const keys = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) keys[i] = address(list[i] as Iface) * ORDER + i;
  keys.sort();
  const out: Iface[] = [];
  for (const k of keys) out.push(list[k % ORDER] as Iface);
  return out;
}

const ORDER = 2 ** 21;

// members changes whenever an interface, its address or its groups change; rule edits keep it
export const addressIndex = (c: Compiled): AddressIndex =>
  indexCache.get(c.members) ?? runSteps(indexSteps(c));

const building = new WeakMap<Compiled['members'], Steps<AddressIndex>>();

/**
 * The address index made a slice at a time (~50 ms in all at 60,000): within about `budgetMs`,
 * the index, or how far it got (0 to 1) when a later call must go on.
 */
export function addressIndexWithin(c: Compiled, budgetMs: number): AddressIndex | number {
  const hit = indexCache.get(c.members);
  if (hit) return hit;
  let steps = building.get(c.members);
  if (!steps) building.set(c.members, (steps = indexSteps(c)));
  const r = runStepsFor(steps, budgetMs);
  if (r.done) building.delete(c.members);
  return r.value;
}

/** Interfaces placed between two yields of `indexSteps` (~3 ms in a browser at 60,000). */
const PLACED_PER_STEP = 2000;

function* indexSteps(c: Compiled): Steps<AddressIndex> {
  const ifaces = sortedByAddress([...c.instanceIfaces.values()]);
  yield 0.3;
  const n = ifaces.length;
  const words = Math.ceil(n / 32);
  const attached = new Map<string, Bits>();
  const vpcs = new Map<string, Bits>();
  const running = new Uint32Array(words);
  const unfiltered = new Uint32Array(words);
  const groupNo = new Map<string, number>();
  const vpcNos = new Map<string, number>();
  const vpcNo = new Int32Array(n);
  const groupsFrom = new Int32Array(n + 1);
  const groupList: number[] = [];
  const position = new Map<Iface, number>();
  const addresses = new Float64Array(n);
  const bitsOf = (map: Map<string, Bits>, key: string): Bits => {
    let bits = map.get(key);
    if (!bits) map.set(key, (bits = new Uint32Array(words)));
    return bits;
  };
  for (const [p, iface] of ifaces.entries()) {
    if (p > 0 && p % PLACED_PER_STEP === 0) yield 0.3 + (0.7 * p) / n;
    position.set(iface, p);
    addresses[p] = iface.privateIp.value as number;
    groupsFrom[p] = groupList.length;
    const from = groupList.length;
    for (const g of iface.groupIds) {
      let k = groupNo.get(g);
      if (k === undefined) {
        groupNo.set(g, (k = groupNo.size));
        attached.set(g, newBits(words));
      }
      // a group listed twice on one interface counts once
      if (groupList.indexOf(k, from) === -1) groupList.push(k);
      setBit(attached.get(g) as Bits, p);
    }
    let v = vpcNos.get(iface.vpcId);
    if (v === undefined) vpcNos.set(iface.vpcId, (v = vpcNos.size));
    vpcNo[p] = v;
    setBit(bitsOf(vpcs, iface.vpcId), p);
    if (iface.running) setBit(running, p);
    if (iface.running && iface.groupIds.length === 0) setBit(unfiltered, p);
  }
  groupsFrom[n] = groupList.length;
  const index: AddressIndex = {
    ifaces,
    vpcNo,
    groupIds: [...groupNo.keys()],
    groupsFrom,
    groupList: Int32Array.from(groupList),
    addresses,
    position,
    words,
    attached,
    running,
    unfiltered,
    vpcs,
    memberBits: new Map(),
    groupBits: new WeakMap(),
  };
  // a whole read made meanwhile (addressIndex) is the one every caller already holds
  const made = indexCache.get(c.members);
  if (made) return made;
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

/** Sets positions [from, to): a mask for the first and last words, whole words between. */
export function setRun(bits: Bits, from: number, to: number): void {
  if (from >= to) return;
  const first = from >>> 5;
  const last = (to - 1) >>> 5;
  const head = (0xffffffff << (from & 31)) >>> 0;
  const tail = 0xffffffff >>> (31 - ((to - 1) & 31));
  if (first === last) {
    bits[first] = (bits[first] as number) | (head & tail);
    return;
  }
  bits[first] = (bits[first] as number) | head;
  for (let w = first + 1; w < last; w++) bits[w] = 0xffffffff;
  bits[last] = (bits[last] as number) | tail;
}

export function addRange(bits: Bits, index: AddressIndex, lo: number, hi: number): void {
  setRun(bits, lowerBound(index.addresses, lo), lowerBound(index.addresses, hi + 1));
}

/**
 * Transposes 32 words of 32 bits in place (word r, bit c ↔ word c, bit r) with the recursive
 * block swap of Hacker's Delight §7-3, written for low-bit-first words.
 */
export function transpose32(a: Bits): void {
  for (let j = 16, m = 0x0000ffff; j !== 0; j >>>= 1, m = (m ^ (m << j)) >>> 0) {
    for (let k = 0; k < 32; k = ((k | j) + 1) & ~j) {
      const t = (((a[k] as number) >>> j) ^ (a[k + j] as number)) & m;
      a[k + j] = (a[k + j] as number) ^ t;
      a[k] = (a[k] as number) ^ (t << j);
    }
  }
}

/**
 * Positions whose private IPv4 address belongs to an interface of the group (§4.3). An instance
 * carrying it is found at its own position, and the positions beside it sharing its address (a
 * duplicate), without a search; a balancer's node, not on the axis, by its address.
 */
function membersOf(c: Compiled, index: AddressIndex, groupId: string): Bits {
  let bits = index.memberBits.get(groupId);
  if (bits) return bits;
  bits = newBits(index.words);
  const { addresses, position } = index;
  for (const iface of c.carriers.get(groupId) ?? []) {
    const address = iface.privateIp.value as number;
    const p = position.get(iface);
    if (p === undefined) {
      addRange(bits, index, address, address);
      continue;
    }
    let from = p;
    let to = p + 1;
    while (from > 0 && addresses[from - 1] === address) from--;
    while (to < addresses.length && addresses[to] === address) to++;
    setRun(bits, from, to);
  }
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
  const bits = newBits(index.words);
  for (const rule of group.candidates(direction, pkt)) {
    if (!protocolMatches(rule, pkt) || !portMatches(rule, pkt)) continue;
    const peer = rule.peer;
    if (peer.kind === 'group') orInto(bits, membersOf(c, index, peer.groupId));
    else if (peer.kind === 'cidr') {
      if (peer.cidr.family === 4) addRange(bits, index, peer.cidr.lo, peer.cidr.hi);
    } else
      for (const cidr of peer.cidrs) if (cidr.family === 4) addRange(bits, index, cidr.lo, cidr.hi);
  }
  return bits;
}

/** Whether groupBits has this group's bits for this service already. */
export const hasGroupBits = (index: AddressIndex, group: CompiledGroup, key: string): boolean =>
  index.groupBits.get(group)?.has(key) ?? false;

/** The positions a group's rules admit for one service (key), in each direction. */
export function groupBits(
  c: Compiled,
  index: AddressIndex,
  group: CompiledGroup,
  pkt: Packet,
  key: string,
): GroupBits {
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
