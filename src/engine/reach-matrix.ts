/**
 * The instance × instance matrix of one service as bit rows: row s holds every destination s may
 * open a connection to. allowed(s, d) = s's egress admits d ∧ d's ingress admits s. Per interface
 * both are the OR of its groups' bits (a few words each); transposing the ingress rows turns
 * "who may reach d" into "whom s may reach", and a row is then one AND per word.
 *
 * After an edit only the interfaces carrying a group whose bits changed are recomputed; the
 * transpose and the ANDs are cheap enough to redo whole.
 */
import type { Compiled } from './compile';
import type { Packet } from './match';
import {
  eachBit,
  groupBits,
  hasBit,
  orInto,
  transpose,
  type AddressIndex,
  type Bits,
  type GroupBits,
} from './reach-index';

export interface MatrixState {
  readonly groups: ReadonlyMap<string, GroupBits>;
  /** Per position: the destinations its outbound rules admit. */
  readonly egress: readonly Bits[];
  /** Per position: the sources its inbound rules admit. */
  readonly ingress: readonly Bits[];
  readonly rows: readonly Bits[];
}

const stateCache = new WeakMap<AddressIndex, Map<string, MatrixState>>();

const sameBits = (a: Bits, b: Bits): boolean => a.every((w, i) => w === b[i]);

function unionOf(
  index: AddressIndex,
  groups: ReadonlyMap<string, GroupBits>,
  p: number,
  direction: 'inbound' | 'outbound',
): Bits {
  const bits = new Uint32Array(index.words);
  const iface = index.ifaces[p];
  if (!iface || !hasBit(index.running, p)) return bits;
  // an interface without groups filters nothing (like an NLB created without them)
  if (iface.groupIds.length === 0) return bits.fill(0xffffffff);
  for (const gid of iface.groupIds) {
    const g = groups.get(gid);
    if (g) orInto(bits, g[direction]);
  }
  return bits;
}

function rowsOf(index: AddressIndex, egress: readonly Bits[], ingress: readonly Bits[]): Bits[] {
  const reachable = transpose(ingress, index.words);
  return egress.map((e, s) => {
    const row = reachable[s] as Bits;
    const vpc = index.vpcs.get(index.ifaces[s]?.vpcId ?? '');
    for (let w = 0; w < row.length; w++)
      row[w] = (row[w] as number) & (e[w] as number) & ((vpc?.[w] as number) ?? 0);
    // talking to itself never leaves the instance: allowed while it runs
    const self = 1 << (s & 31);
    const w = s >>> 5;
    row[w] = hasBit(index.running, s) ? (row[w] as number) | self : (row[w] as number) & ~self;
    return row;
  });
}

function full(index: AddressIndex, groups: ReadonlyMap<string, GroupBits>): MatrixState {
  const n = index.ifaces.length;
  const egress = Array.from({ length: n }, (_, p) => unionOf(index, groups, p, 'outbound'));
  const ingress = Array.from({ length: n }, (_, p) => unionOf(index, groups, p, 'inbound'));
  return { groups, egress, ingress, rows: rowsOf(index, egress, ingress) };
}

function patch(
  index: AddressIndex,
  prev: MatrixState,
  groups: ReadonlyMap<string, GroupBits>,
  changed: readonly string[],
): MatrixState {
  const empty = new Uint32Array(index.words);
  const lists = { outbound: prev.egress.slice(), inbound: prev.ingress.slice() };
  for (const direction of ['outbound', 'inbound'] as const) {
    const dirty = new Uint32Array(index.words);
    for (const gid of changed) {
      const before = prev.groups.get(gid)?.[direction] ?? empty;
      const after = groups.get(gid)?.[direction] ?? empty;
      const carriers = index.attached.get(gid);
      if (carriers && !sameBits(before, after)) orInto(dirty, carriers);
    }
    eachBit(dirty, (p) => (lists[direction][p] = unionOf(index, groups, p, direction)));
  }
  const { outbound: egress, inbound: ingress } = lists;
  return { groups, egress, ingress, rows: rowsOf(index, egress, ingress) };
}

export function matrixRows(
  c: Compiled,
  index: AddressIndex,
  pkt: Packet,
  key: string,
): MatrixState {
  const groups = new Map<string, GroupBits>();
  for (const [gid, g] of c.groups) groups.set(gid, groupBits(c, index, g, pkt, key));
  let perService = stateCache.get(index);
  if (!perService) stateCache.set(index, (perService = new Map()));
  const prev = perService.get(key);
  let state: MatrixState;
  if (prev) {
    const changed = [...new Set([...groups.keys(), ...prev.groups.keys()])].filter(
      (gid) => groups.get(gid) !== prev.groups.get(gid),
    );
    if (changed.length === 0) return prev;
    state = patch(index, prev, groups, changed);
  } else state = full(index, groups);
  perService.set(key, state);
  return state;
}
