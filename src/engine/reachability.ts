/**
 * computeReachability: every source × destination for one service.
 *
 * Flows between two instances of one VPC — nearly all pairs in a large scenario — come from the
 * groups' bitsets (reach-matrix.ts): nothing is computed per pair until it is read, a row is
 * composed once when first read, and an edit keeps the rows it cannot have changed.
 * Every other pair (load balancers, hosts, other VPCs) is rare and goes through evaluateFlow
 * itself on demand, so the two answers always agree.
 */
import type { Flow, Scenario } from '../model';
import { compile, compileInSteps, type Compiled } from './compile';
import { runStepsFor, type Steps } from './steps';
import { evaluateDetail } from './evaluate';
import type { Packet } from './match';
import { packetOf } from './packet';
import {
  addressIndex,
  addressIndexWithin,
  groupBits,
  hasGroupBits,
  popcount,
  type Bits,
} from './reach-index';
import {
  allowedPairs,
  cellAllowed,
  columnOf,
  matrixState,
  rowOf,
  type MatrixState,
} from './reach-matrix';

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
  /** Denied, but some (node, target) pairs of a balancer deliver it: it fails only sometimes. */
  isPartial(from: number, to: number): boolean;
  /**
   * How many instance → instance pairs in one VPC are allowed (the bulk of the matrix). Reads
   * every row: for a summary of a few rows, use reachesCount / reachedByCount.
   */
  readonly allowedInstancePairs: number;
  /** How many endpoints `from` may open a connection to (itself included, while it runs). */
  reachesCount(from: number): number;
  /** How many endpoints may open a connection to `to`. */
  reachedByCount(to: number): number;
}

const serviceKey = (pkt: Packet): string =>
  `${pkt.protocol}/${pkt.port ?? ''}/${pkt.icmpType ?? ''}/${pkt.icmpCode ?? ''}`;

/** The address axis's share of a first matrix's progress; the groups' bitsets are the rest. */
const AXIS_SHARE = 0.3;
/** Compiling the document's interfaces comes first, this share of the way. */
const COMPILE_SHARE = 0.2;

/** Compilations under way a slice at a time, per document. */
const compiling = new WeakMap<Scenario, Steps<void>>();

/**
 * Works toward computeReachability(scenario, service) for about `budgetMs` and says how far it
 * got, 0 to 1: the document's interfaces compiled, then the address axis, a slice at a time, then
 * the groups' bitsets, which dominate a large account's first matrix, one group at a time, so that
 * the caller can spread them over tasks and show progress.
 */
export function prepareReachability(
  scenario: Scenario,
  service: Service,
  budgetMs: number,
): number {
  const pkt = packetOf({ ...service, from: '', to: '' });
  if (typeof pkt === 'string') return 1;
  const start = performance.now();
  const steps = compiling.get(scenario) ?? compileInSteps(scenario);
  const compiled = runStepsFor(steps, budgetMs);
  if (!compiled.done) {
    compiling.set(scenario, steps);
    return COMPILE_SHARE * compiled.value;
  }
  compiling.delete(scenario);
  const c = compile(scenario);
  // the address axis next, then the groups
  const index = addressIndexWithin(c, Math.max(0, budgetMs - (performance.now() - start)));
  if (typeof index === 'number') return COMPILE_SHARE + AXIS_SHARE * index;
  const key = serviceKey(pkt);
  const ids = index.groupIds;
  let made = 0;
  for (let k = 0; k < ids.length; k++) {
    const g = c.groups.get(ids[k] as string);
    if (!g || hasGroupBits(index, g, key)) continue;
    // at least one group a call, so that any budget moves on
    if (made++ > 0 && performance.now() - start > budgetMs)
      return COMPILE_SHARE + AXIS_SHARE + ((1 - COMPILE_SHARE - AXIS_SHARE) * k) / ids.length;
    groupBits(c, index, g, pkt, key);
  }
  return 1;
}

/** A matrix's rows and columns: the ids of the instances, then the load balancers, then the hosts. */
export const matrixEndpoints = (scenario: Scenario): string[] => [
  ...scenario.instances.map((i) => i.id),
  ...(scenario.loadBalancers ?? []).map((l) => l.id),
  ...(scenario.hosts ?? []).map((h) => h.id),
];

export function computeReachability(scenario: Scenario, service: Service): Reachability {
  const c = compile(scenario);
  const endpoints = matrixEndpoints(scenario);
  const flowOf = (from: number, to: number): Flow => ({
    ...service,
    from: endpoints[from] as string,
    to: endpoints[to] as string,
  });
  const pkt = packetOf(flowOf(0, 0));
  if (typeof pkt === 'string')
    return {
      endpoints,
      isAllowed: () => false,
      isPartial: () => false,
      allowedInstancePairs: 0,
      reachesCount: () => 0,
      reachedByCount: () => 0,
    };

  const index = addressIndex(c);
  const key = serviceKey(pkt);
  return new Matrix(endpoints, c, matrixState(c, index, pkt, key), flowOf);
}

/**
 * Per endpoint its position on the address axis and its VPC's number, or -1 when evaluateFlow
 * must answer; the row being read kept at hand once composed, since a matrix is read row by row.
 * Its fields keep one type each (no null, no undefined), so that V8 never has to widen them and
 * drop the optimised code reading cells.
 */
class Matrix implements Reachability {
  private readonly pos: Int32Array;
  private readonly vpc: Int32Array;
  private readonly slow = new Map<number, { allowed: boolean; partial: boolean }>();
  /** The endpoint whose composed row `row` is, or -1: the one test before a cell's bit. */
  private rowFrom = -1;
  private row: Bits = new Uint32Array(0);
  /** The endpoint whose cells are being read, and how many so far one at a time. */
  private lastFrom = -1;
  private readsInRow = 0;
  /**
   * A row is composed (with its block of 32) once this many of its cells are read: composing
   * costs about as much as reading 1/64 of its cells one by one, and a window onto a large
   * matrix (a few dozen cells of rows far apart on the address axis) should not compose at all.
   */
  private readonly composeAfter: number;
  /** Per endpoint its position when it is an instance in the held row's VPC, else -1. */
  private slot: Int32Array = new Int32Array(0);
  private readonly slots = new Map<number, Int32Array>();
  private pairs = -1;

  constructor(
    readonly endpoints: readonly string[],
    private readonly c: Compiled,
    private readonly state: MatrixState,
    private readonly flowOf: (from: number, to: number) => Flow,
  ) {
    const n = endpoints.length;
    this.pos = new Int32Array(n).fill(-1);
    this.vpc = new Int32Array(n).fill(-1);
    const { index } = state;
    this.composeAfter = Math.max(2, Math.ceil(index.ifaces.length / 64));
    c.scenario.instances.forEach((inst, i) => {
      const iface = c.instanceIfaces.get(inst.id);
      // an id that resolves elsewhere (duplicates) is left to evaluateFlow
      if (iface?.owner.kind !== 'instance' || iface.owner.instance !== inst) return;
      const p = index.position.get(iface);
      if (p === undefined) return;
      this.pos[i] = p;
      this.vpc[i] = index.vpcNo[p] as number;
    });
  }

  get allowedInstancePairs(): number {
    if (this.pairs < 0) this.pairs = allowedPairs(this.state);
    return this.pairs;
  }

  /** Both are instances of one VPC: the bits answer. */
  private fast(from: number, to: number): boolean {
    return (this.vpc[from] as number) >= 0 && this.vpc[from] === this.vpc[to];
  }

  isAllowed(from: number, to: number): boolean {
    if (from === this.rowFrom) {
      // -1: not an instance of the row's VPC
      const d = this.slot[to] as number;
      if (d >= 0) return ((this.row[d >>> 5] as number) & (1 << d)) !== 0;
    }
    return this.read(from, to);
  }

  /** Any cell but the next of a row being read. */
  private read(from: number, to: number): boolean {
    if (!this.fast(from, to)) return this.judged(from, to).allowed;
    const s = this.pos[from] as number;
    const d = this.pos[to] as number;
    if (from !== this.lastFrom) {
      this.lastFrom = from;
      this.readsInRow = 0;
      this.rowFrom = -1;
      const kept = this.state.rows[s];
      if (kept) this.hold(from, kept);
    }
    if (this.rowFrom !== from) {
      // a few cells of a row: a few bit reads each; more: the row is being read, compose it
      if (++this.readsInRow < this.composeAfter) return cellAllowed(this.state, s, d);
      this.hold(from, rowOf(this.state, s));
    }
    return ((this.row[d >>> 5] as number) & (1 << d)) !== 0;
  }

  private hold(from: number, row: Bits): void {
    this.rowFrom = from;
    this.row = row;
    this.slot = this.slotsOf(this.vpc[from] as number);
  }

  private slotsOf(vpc: number): Int32Array {
    let slot = this.slots.get(vpc);
    if (!slot) {
      slot = this.pos.map((p, e) => (this.vpc[e] === vpc ? p : -1));
      this.slots.set(vpc, slot);
    }
    return slot;
  }

  isPartial(from: number, to: number): boolean {
    // instance pairs of one VPC never go through a balancer
    return !this.fast(from, to) && this.judged(from, to).partial;
  }

  reachesCount(from: number): number {
    const s = this.pos[from] as number;
    const bits = s >= 0 ? popcount(rowOf(this.state, s)) : 0;
    return bits + this.others(from, (k) => this.judged(from, k).allowed);
  }

  reachedByCount(to: number): number {
    const d = this.pos[to] as number;
    const bits = d >= 0 ? popcount(columnOf(this.state, d)) : 0;
    return bits + this.others(to, (k) => this.judged(k, to).allowed);
  }

  /** How many endpoints the bits do not answer for with `e` pass the test. */
  private others(e: number, allowed: (k: number) => boolean): number {
    let n = 0;
    for (let k = 0; k < this.endpoints.length; k++) if (!this.fast(e, k) && allowed(k)) n++;
    return n;
  }

  private judged(from: number, to: number): { allowed: boolean; partial: boolean } {
    const k = from * this.endpoints.length + to;
    let v = this.slow.get(k);
    if (v === undefined) {
      const verdict = evaluateDetail(this.c, this.flowOf(from, to)).verdict;
      v = {
        allowed: verdict.allowed,
        partial: !verdict.allowed && (verdict.pairs ?? []).some((p) => p.allowed),
      };
      this.slow.set(k, v);
    }
    return v;
  }
}
