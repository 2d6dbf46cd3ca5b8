/**
 * Connection tracking over simulated time (aws-semantics.md §5): tracked connections survive rule
 * changes until they idle out; untracked flows are re-judged by the current rules at every packet
 * and cut when a rule change stops admitting them. Network ACLs track nothing: every packet of
 * every connection meets the ACLs as they are now, so a new deny entry blocks an open connection
 * at once, and removing it lets the connection go on (its tracking entry never went away).
 */
import {
  DEFAULT_SOURCE_PORT,
  type Direction,
  type Flow,
  type FlowVerdict,
  type Scenario,
  type TraceStep,
} from '../model';
import { checkInterface } from './check';
import { compile } from './compile';
import { evaluateDetail } from './evaluate';
import type { Packet } from './match';
import type { Leg } from './trace';

/** Idle timeouts in seconds (§5.5). [J] ICMP is modelled like a one-way UDP flow. */
export const TIMEOUTS = {
  tcpEstablished: 432_000,
  udp: 30,
  udpStream: 180,
  icmp: 30,
  other: 600,
  nlbTcp: 350,
  nlbUdp: 120,
} as const;

export interface Connection {
  readonly id: string;
  readonly flow: Flow;
  readonly tracked: boolean;
  /** blocked: a network ACL drops its packets now; the groups still track it */
  readonly state: 'active' | 'blocked' | 'expired' | 'cut';
  readonly idleSeconds: number;
  readonly timeoutSeconds: number;
  readonly packets: number;
  /** Per interface on the path: whether it tracks this flow. */
  readonly interfaces: readonly { readonly id: string; readonly tracked: boolean }[];
  readonly reason?: string;
}

interface Live {
  id: string;
  flow: Flow;
  /** the world it was opened in: its path, as the ACLs of any later world see it */
  opened: Scenario;
  packet: Packet;
  legs: readonly Leg[];
  throughNlb: boolean;
  state: Connection['state'];
  idle: number;
  packets: number;
  exchanges: number;
  reason?: string;
}

const flip = (d: Direction): Direction => (d === 'inbound' ? 'outbound' : 'inbound');

function timeoutOf(c: Live): number {
  const p = c.packet.protocol;
  if (p === 6) return c.throughNlb ? TIMEOUTS.nlbTcp : TIMEOUTS.tcpEstablished;
  if (p === 17)
    return c.throughNlb ? TIMEOUTS.nlbUdp : c.exchanges > 1 ? TIMEOUTS.udpStream : TIMEOUTS.udp;
  if (p === 1 || p === 58) return TIMEOUTS.icmp;
  return TIMEOUTS.other;
}

const legTracked = (c: Live, l: Leg): boolean => c.throughNlb || l.tracking.tracked;

export function createSimulation(initial: Scenario) {
  let scenario = initial;
  let counter = 0;
  const live = new Map<string, Live>();

  /** Re-judges an untracked leg by the current rules; tracked legs pass by state. */
  function untrackedBlock(c: Live, reverse: boolean): string | null {
    const compiled = compile(scenario);
    for (const leg of c.legs) {
      if (legTracked(c, leg)) continue;
      const iface = compiled.interfaces.find((i) => i.id === leg.iface.id);
      if (!iface) return `${leg.iface.name} no longer exists.`;
      const direction = reverse ? flip(leg.direction) : leg.direction;
      const pkt: Packet = reverse
        ? { protocol: c.packet.protocol, port: c.flow.sourcePort ?? DEFAULT_SOURCE_PORT }
        : c.packet;
      const r = checkInterface(compiled, iface, direction, pkt, leg.remote);
      if (!r.allowed) return `Untracked flow cut at ${iface.name}: ${r.step.explanation}`;
    }
    return null;
  }

  /** The step as this packet meets it: reached, whatever the first evaluation's blocker was. */
  const withoutReached = ({ reached: _r, ...step }: TraceStep): TraceStep => step;

  /** The ACL step that drops this connection's packets (or its replies) now, if one does. */
  function aclBlock(c: Live, reverse: boolean): TraceStep | null {
    if (!scenario.networkAcls && !c.opened.networkAcls) return null;
    // the path as it was opened, judged by today's ACLs: nothing else can differ
    const now = { ...c.opened, networkAcls: scenario.networkAcls ?? [] };
    const steps = evaluateDetail(compile(now), c.flow).verdict.steps;
    return (
      steps.find(
        (st) =>
          st.where?.kind === 'subnet-boundary' &&
          st.verdict === 'deny' &&
          (st.kind === 'response') === reverse,
      ) ?? null
    );
  }

  function packetVerdict(c: Live, reverse: boolean): FlowVerdict {
    const acl = c.state === 'active' || c.state === 'blocked' ? aclBlock(c, reverse) : null;
    if (acl) {
      c.state = 'blocked';
      c.reason = `${reverse ? 'The reply is' : 'Packets are'} dropped: ${acl.explanation}`;
      return {
        allowed: false,
        blockedAt: reverse
          ? 'nacl-response'
          : acl.where?.direction === 'outbound'
            ? 'nacl-outbound'
            : 'nacl-inbound',
        steps: [
          withoutReached(acl),
          {
            at: c.id,
            verdict: 'allow',
            matchedRules: [],
            kind: 'state',
            explanation: `Connection ${c.id} is still tracked by the security groups: network ACLs are stateless and judge every packet, so the ACL's entries as they are now decide.`,
          },
        ],
      };
    }
    if (c.state === 'blocked') {
      c.state = 'active';
      delete c.reason;
    }
    if (c.state !== 'active') {
      const why = c.state === 'expired' ? 'its tracking entry expired' : 'a rule change cut it';
      if (c.state === 'expired' && !reverse) {
        // [J] After expiry a packet is judged as new (§5.5).
        const again = evaluateDetail(compile(scenario), c.flow).verdict;
        if (again.allowed) Object.assign(c, { state: 'active', idle: 0, packets: c.packets + 1 });
        return again;
      }
      return {
        allowed: false,
        blockedAt: 'source-state',
        steps: [
          {
            at: c.id,
            verdict: 'deny',
            matchedRules: [],
            kind: 'state',
            code: 'BAD_STATE',
            explanation: `Connection ${c.id} is no longer open: ${why}.`,
          },
        ],
      };
    }
    const block = untrackedBlock(c, reverse);
    if (block) {
      c.state = 'cut';
      c.reason = block;
      return {
        allowed: false,
        blockedAt: reverse ? 'egress' : 'ingress',
        steps: [
          {
            at: c.id,
            verdict: 'deny',
            matchedRules: [],
            kind: 'state',
            code: 'ENI_SG_RULES_MISMATCH',
            explanation: block,
          },
        ],
      };
    }
    c.idle = 0;
    c.packets += 1;
    if (reverse) c.exchanges += 1;
    const tracked = c.legs.every((l) => legTracked(c, l));
    return {
      allowed: true,
      steps: [
        {
          at: c.id,
          verdict: 'allow',
          matchedRules: [],
          kind: reverse ? 'response' : 'state',
          code: tracked ? 'STATEFUL_RESPONSE' : 'UNTRACKED_RESPONSE',
          explanation: tracked
            ? `Allowed: part of tracked connection ${c.id}, whatever the rules say now.`
            : `Allowed by the current rules (untracked flow ${c.id} is re-checked at every packet).`,
        },
      ],
    };
  }

  function get(id: string): Live {
    const c = live.get(id);
    if (!c) throw new Error(`No connection ${id}`);
    return c;
  }

  return {
    send(flow: Flow): FlowVerdict & { connectionId?: string; tracked?: boolean } {
      const detail = evaluateDetail(compile(scenario), flow);
      if (!detail.verdict.allowed || !detail.packet || detail.trace.legs.length === 0)
        return detail.verdict;
      const id = `conn-${++counter}`;
      const c: Live = {
        id,
        flow,
        opened: scenario,
        packet: detail.packet,
        legs: detail.trace.legs,
        throughNlb: detail.trace.throughNlb,
        state: 'active',
        idle: 0,
        packets: 1,
        exchanges: 0,
      };
      live.set(id, c);
      return {
        ...detail.verdict,
        connectionId: id,
        tracked: c.legs.every((l) => legTracked(c, l)),
      };
    },
    reply: (id: string): FlowVerdict => packetVerdict(get(id), true),
    continue: (id: string): FlowVerdict => packetVerdict(get(id), false),
    advance(seconds: number): void {
      for (const c of live.values()) {
        if (c.state !== 'active' && c.state !== 'blocked') continue;
        c.idle += seconds;
        if (c.idle >= timeoutOf(c)) {
          c.state = 'expired';
          c.reason = `Idle for ${c.idle} s; the timeout is ${timeoutOf(c)} s.`;
        }
      }
    },
    /** Rules changed: tracked connections survive; untracked ones no longer admitted are cut (§5.4). */
    setScenario(next: Scenario): void {
      scenario = next;
      for (const c of live.values()) {
        if (c.state !== 'active' && c.state !== 'blocked') continue;
        const block = untrackedBlock(c, false) ?? untrackedBlock(c, true);
        if (block) {
          c.state = 'cut';
          c.reason = block;
          continue;
        }
        const acl = aclBlock(c, false) ?? aclBlock(c, true);
        if (acl) {
          c.state = 'blocked';
          c.reason = `A network ACL drops its packets now: ${acl.explanation}`;
        } else if (c.state === 'blocked') {
          c.state = 'active';
          delete c.reason;
        }
      }
    },
    connections(): Connection[] {
      return [...live.values()].map((c) => ({
        id: c.id,
        flow: c.flow,
        tracked: c.legs.every((l) => legTracked(c, l)),
        state: c.state,
        idleSeconds: c.idle,
        timeoutSeconds: timeoutOf(c),
        packets: c.packets,
        interfaces: c.legs.map((l) => ({ id: l.iface.id, tracked: legTracked(c, l) })),
        ...(c.reason ? { reason: c.reason } : {}),
      }));
    },
  };
}

export type Simulation = ReturnType<typeof createSimulation>;
