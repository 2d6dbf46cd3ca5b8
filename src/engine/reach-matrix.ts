/**
 * The instance × instance matrix of one service, without a row per interface: per group and
 * direction one bitset over the address axis (reach-index.ts), and any cell composed from them on
 * demand — s reaches d when one of s's groups admits d outbound and one of d's groups admits s
 * inbound (the union, §4.1), both run, they share a VPC and the ACLs between let it through.
 *
 * A whole row is composed when first read (s's outbound bits ORed, then each candidate's inbound
 * bits read at s) and kept within a memory budget, so reading a matrix row by row costs one bit
 * per cell. A state is never changed once read: after an edit the next state shares the rows the
 * edit cannot have touched and mends the rest.
 */
import type { Compiled } from './compile';
import type { Packet } from './match';
import { aclMasks } from './reach-acl';
import {
  eachBit,
  groupBits,
  hasBit,
  mapped,
  orInto,
  popcount,
  transpose32,
  type AddressIndex,
  type Bits,
  type GroupBits,
} from './reach-index';

/** Rows kept per state, at most: 64 MB of them (all of them up to ~23,000 interfaces). */
const ROW_BUDGET_BYTES = 64 * 1024 * 1024;

export interface MatrixState {
  readonly index: AddressIndex;
  readonly groups: ReadonlyMap<string, GroupBits>;
  /** By group number (index.groupIds): the positions each group admits, in each direction. */
  readonly inbound: readonly Bits[];
  readonly outbound: readonly Bits[];
  /** Per source position, the destinations the network ACLs let through; null: no ACL anywhere. */
  readonly masks: readonly Bits[] | null;
  /** Rows composed so far, by source position. */
  readonly rows: (Bits | undefined)[];
  kept: number;
}

const stateCache = new WeakMap<AddressIndex, Map<string, MatrixState>>();

const sameBits = (a: Bits, b: Bits): boolean => a === b || a.every((w, i) => w === b[i]);

/** One of the groups of position p admits position q in this direction. */
function admits(st: MatrixState, bits: readonly Bits[], p: number, q: number): boolean {
  const { groupsFrom, groupList, unfiltered } = st.index;
  // an interface without groups filters nothing (like an NLB created without them)
  if (hasBit(unfiltered, p)) return true;
  const w = q >>> 5;
  const m = 1 << (q & 31);
  for (let k = groupsFrom[p] as number, end = groupsFrom[p + 1] as number; k < end; k++)
    if (((bits[groupList[k] as number] as Bits)[w] as number) & m) return true;
  return false;
}

/** Whether s may open a connection to d (two positions of one VPC). */
export function cellAllowed(st: MatrixState, s: number, d: number): boolean {
  const { running } = st.index;
  if (!hasBit(running, s) || !hasBit(running, d)) return false;
  // talking to itself never leaves the instance: allowed while it runs
  if (s === d) return true;
  if (st.index.vpcNo[s] !== st.index.vpcNo[d]) return false;
  if (st.masks && !hasBit(st.masks[s] as Bits, d)) return false;
  return admits(st, st.outbound, s, d) && admits(st, st.inbound, d, s);
}

/**
 * Rows 32b … 32b + 31 at once: each source's outbound bits ORed (with its VPC, the running
 * interfaces and its ACL mask), and for the inbound side, per destination the word of its groups'
 * inbound bits at these 32 sources — 32 destinations' words transposed give the 32 rows' word.
 */
function composeBlock(st: MatrixState, b: number): Bits[] {
  const { index } = st;
  const { groupsFrom, groupList, unfiltered, running, words } = index;
  const n = index.ifaces.length;
  const first = b * 32;
  const rows: Bits[] = [];
  // the block's rows share one buffer: one allocation, not 32
  const slab = new Uint32Array(words * Math.min(32, n - first));
  for (let s = first; s < Math.min(first + 32, n); s++) {
    const row = slab.subarray((s - first) * words, (s - first + 1) * words);
    rows.push(row);
    if (!hasBit(running, s)) continue;
    if (hasBit(unfiltered, s)) row.fill(0xffffffff);
    else
      for (let k = groupsFrom[s] as number; k < (groupsFrom[s + 1] as number); k++)
        orInto(row, st.outbound[groupList[k] as number] as Bits);
    const vpc = index.vpcs.get(index.ifaces[s]?.vpcId ?? '') as Bits;
    const mask = st.masks?.[s];
    for (let w = 0; w < words; w++)
      row[w] =
        (row[w] as number) &
        (vpc[w] as number) &
        (running[w] as number) &
        (mask ? (mask[w] as number) : 0xffffffff);
  }
  // per destination: which of the block's sources its groups admit inbound
  const admitted = scratch(words * 32);
  for (let d = 0; d < n; d++) {
    if (hasBit(unfiltered, d)) {
      admitted[d] = 0xffffffff;
      continue;
    }
    let v = 0;
    for (let k = groupsFrom[d] as number, end = groupsFrom[d + 1] as number; k < end; k++)
      v |= (st.inbound[groupList[k] as number] as Bits)[b] as number;
    admitted[d] = v;
  }
  admitted.fill(0, n); // past the last interface: no one
  for (let w = 0; w < words; w++) {
    const a = admitted.subarray(w * 32, w * 32 + 32);
    transpose32(a);
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j] as Bits;
      row[w] = (row[w] as number) & (a[j] as number);
    }
  }
  rows.forEach((row, j) => {
    const s = first + j;
    // talking to itself never leaves the instance: allowed while it runs
    if (hasBit(running, s)) row[s >>> 5] = (row[s >>> 5] as number) | (1 << (s & 31));
  });
  return rows;
}

let scratchWords = new Uint32Array(0);

/** A buffer of `size` words for work that is not kept; what it held before is still in it. */
function scratch(size: number): Bits {
  if (scratchWords.length < size) scratchWords = new Uint32Array(size);
  return scratchWords.subarray(0, size);
}

/** Row s, composed with its block on first read and kept while the budget lasts. */
export function rowOf(st: MatrixState, s: number): Bits {
  const hit = st.rows[s];
  if (hit) return hit;
  const b = s >>> 5;
  const rows = composeBlock(st, b);
  if ((st.kept + rows.length) * st.index.words * 4 > ROW_BUDGET_BYTES) {
    st.rows.fill(undefined);
    st.kept = 0;
  }
  rows.forEach((row, j) => {
    if (!st.rows[b * 32 + j]) st.kept++;
    st.rows[b * 32 + j] = row;
  });
  return rows[s - b * 32] as Bits;
}

/** Every source that may open a connection to d: composed, never kept. */
export function columnOf(st: MatrixState, d: number): Bits {
  const { index } = st;
  const col = new Uint32Array(index.words);
  if (!hasBit(index.running, d)) return col;
  if (hasBit(index.unfiltered, d)) col.fill(0xffffffff);
  else
    for (let k = index.groupsFrom[d] as number; k < (index.groupsFrom[d + 1] as number); k++)
      orInto(col, st.inbound[index.groupList[k] as number] as Bits);
  const vpc = index.vpcs.get(index.ifaces[d]?.vpcId ?? '') as Bits;
  for (let w = 0; w < col.length; w++)
    col[w] = (col[w] as number) & (vpc[w] as number) & (index.running[w] as number);
  eachBit(col, (s) => {
    const ok = (!st.masks || hasBit(st.masks[s] as Bits, d)) && admits(st, st.outbound, s, d);
    if (!ok) col[s >>> 5] = (col[s >>> 5] as number) & ~(1 << (s & 31));
  });
  col[d >>> 5] = (col[d >>> 5] as number) | (1 << (d & 31));
  return col;
}

/** How many pairs are allowed: every row read (and kept while the budget lasts). */
export function allowedPairs(st: MatrixState): number {
  let n = 0;
  for (let s = 0; s < st.index.ifaces.length; s++) n += popcount(rowOf(st, s));
  return n;
}

function bitsByNumber(
  index: AddressIndex,
  groups: ReadonlyMap<string, GroupBits>,
  direction: 'inbound' | 'outbound',
): Bits[] {
  const none = new Uint32Array(index.words);
  return mapped(index.groupIds, (g) => groups.get(g)?.[direction] ?? none);
}

/**
 * The next state after an edit: rows of sources whose outbound bits changed are dropped; in rows
 * kept, the cells of destinations whose inbound bits changed are composed again.
 */
function patch(prev: MatrixState, next: MatrixState): void {
  const { index } = next;
  const dirty = new Uint32Array(index.words);
  // by group number: a group the document lacks has all-zero bits, in both states
  index.groupIds.forEach((gid, k) => {
    const carriers = index.attached.get(gid) as Bits;
    if (!sameBits(prev.outbound[k] as Bits, next.outbound[k] as Bits))
      eachBit(carriers, (p) => (next.rows[p] = undefined));
    if (!sameBits(prev.inbound[k] as Bits, next.inbound[k] as Bits)) orInto(dirty, carriers);
  });
  const targets: number[] = [];
  eachBit(dirty, (d) => targets.push(d));
  let kept = 0;
  for (let s = 0; s < next.rows.length; s++) {
    const old = next.rows[s];
    if (!old) continue;
    if (targets.length > 0) {
      const row = old.slice();
      for (const d of targets) {
        const m = 1 << (d & 31);
        row[d >>> 5] = cellAllowed(next, s, d)
          ? (row[d >>> 5] as number) | m
          : (row[d >>> 5] as number) & ~m;
      }
      next.rows[s] = row;
    }
    kept++;
  }
  next.kept = kept;
}

export function matrixState(
  c: Compiled,
  index: AddressIndex,
  pkt: Packet,
  key: string,
): MatrixState {
  const groups = new Map<string, GroupBits>();
  for (const gid of index.groupIds) {
    const g = c.groups.get(gid);
    if (g) groups.set(gid, groupBits(c, index, g, pkt, key));
  }
  const masks = aclMasks(c, index, pkt, key);
  let perService = stateCache.get(index);
  if (!perService) stateCache.set(index, (perService = new Map()));
  const prev = perService.get(key);
  const changed = prev
    ? index.groupIds.filter((gid) => groups.get(gid) !== prev.groups.get(gid))
    : [];
  if (prev && changed.length === 0 && prev.masks === masks) return prev;
  const state: MatrixState = {
    index,
    groups,
    inbound: bitsByNumber(index, groups, 'inbound'),
    outbound: bitsByNumber(index, groups, 'outbound'),
    masks,
    // the ACLs changed: every row may have
    rows: prev && prev.masks === masks ? prev.rows.slice() : new Array(index.ifaces.length),
    kept: 0,
  };
  if (prev && prev.masks === masks) patch(prev, state);
  perService.set(key, state);
  return state;
}
