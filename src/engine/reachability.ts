/**
 * computeReachability: every source × destination for one service.
 *
 * Flows between two instances of one VPC — nearly all pairs in a large scenario — come from the
 * bit-row matrix (reach-matrix.ts), computed in full on the first call and patched after an edit,
 * and, where subnets have network ACLs, the ACLs' masks (reach-acl.ts).
 * Every other pair (load balancers, hosts, other VPCs) is rare and goes through evaluateFlow
 * itself on demand, so the two answers always agree.
 */
import type { Flow, Scenario } from '../model';
import { compile } from './compile';
import { evaluateDetail } from './evaluate';
import { packetOf } from './packet';
import { addressIndex, hasBit, popcount, type Bits } from './reach-index';
import { aclMasks } from './reach-acl';
import { matrixRows } from './reach-matrix';

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
  /** How many instance → instance pairs in one VPC are allowed (the bulk of the matrix). */
  readonly allowedInstancePairs: number;
}

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
  if (typeof pkt === 'string')
    return { endpoints, isAllowed: () => false, isPartial: () => false, allowedInstancePairs: 0 };

  const index = addressIndex(c);
  const key = `${pkt.protocol}/${pkt.port ?? ''}/${pkt.icmpType ?? ''}/${pkt.icmpCode ?? ''}`;
  const { rows } = matrixRows(c, index, pkt, key);
  // the groups' rows, and where subnets have network ACLs, what those let through
  const masks = aclMasks(c, index, pkt, key);
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
  const slow = new Map<number, { allowed: boolean; partial: boolean }>();
  const n = endpoints.length;
  const judged = (from: number, to: number) => {
    const k = from * n + to;
    let v = slow.get(k);
    if (v === undefined) {
      const verdict = evaluateDetail(c, flowOf(from, to)).verdict;
      v = {
        allowed: verdict.allowed,
        partial: !verdict.allowed && (verdict.pairs ?? []).some((p) => p.allowed),
      };
      slow.set(k, v);
    }
    return v;
  };
  return {
    endpoints,
    allowedInstancePairs: rows.reduce(
      (sum, row, s) => sum + popcount(masks ? row.map((w, i) => w & (masks[s]?.[i] ?? 0)) : row),
      0,
    ),
    isAllowed(from, to) {
      const s = pos[from] as number;
      const d = pos[to] as number;
      if (s >= 0 && d >= 0 && vpc[from] === vpc[to])
        return hasBit(rows[s] as Bits, d) && (!masks || hasBit(masks[s] as Bits, d));
      return judged(from, to).allowed;
    },
    isPartial(from, to) {
      // instance pairs of one VPC never go through a balancer
      const s = pos[from] as number;
      const d = pos[to] as number;
      if (s >= 0 && d >= 0 && vpc[from] === vpc[to]) return false;
      return judged(from, to).partial;
    },
  };
}
