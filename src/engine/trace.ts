/** Collects a flow's steps in path order; the first denial names where it was blocked. */
import type { BlockedAt, Family, FlowVerdict, Ip, StepLocation, TraceStep } from '../model';
import type { CompiledRule, Iface } from './compile';
import type { Pair } from './lb-path';
import type { TrackingDecision } from './tracking';

/** An interface the flow passed, with what admitted it: connection tracking needs both. */
export interface Leg {
  readonly iface: Iface;
  readonly direction: 'inbound' | 'outbound';
  readonly admittedBy: readonly CompiledRule[];
  readonly family: Family;
  readonly remote: Ip;
  readonly tracking: TrackingDecision;
}

export class Trace {
  readonly steps: TraceStep[] = [];
  readonly legs: Leg[] = [];
  blockedAt: BlockedAt | undefined;
  throughNlb = false;
  /** A flow to a balancer: the pairs it may use (lb-path.ts). */
  pairs: readonly Pair[] | undefined;

  /**
   * Records a step. After the first blocker the packet goes no further: later hops are marked
   * not reached (a pass becomes `skip`, never ✓), and a later denial is kept as another blocker
   * the user must also fix. Health checks are the balancer's own traffic, and the pairs a
   * balancer may use are judged each on its own: both are reached either way.
   */
  add(step: TraceStep, stage?: BlockedAt): this {
    if (this.blockedAt !== undefined && step.kind !== 'health' && step.kind !== 'pair')
      this.steps.push({
        ...step,
        reached: false,
        ...(step.verdict === 'allow' ? { verdict: 'skip' as const } : {}),
      });
    else this.steps.push(step);
    if (step.verdict === 'deny' && this.blockedAt === undefined && stage) this.blockedAt = stage;
    return this;
  }

  deny(
    stage: BlockedAt,
    at: string,
    code: TraceStep['code'],
    explanation: string,
    where?: StepLocation,
  ): this {
    const kind =
      stage === 'route' ? 'route' : stage === 'load-balancer' ? 'load-balancer' : 'state';
    return this.add(
      {
        at,
        ...(where ? { where } : {}),
        kind,
        verdict: 'deny',
        matchedRules: [],
        explanation,
        ...(code ? { code } : {}),
      },
      stage,
    );
  }

  pass(
    at: string,
    kind: TraceStep['kind'],
    explanation: string,
    code?: TraceStep['code'],
    where?: StepLocation,
  ): this {
    return this.add({
      at,
      ...(where ? { where } : {}),
      verdict: 'allow',
      matchedRules: [],
      explanation,
      ...(kind ? { kind } : {}),
      ...(code ? { code } : {}),
    });
  }

  get denied(): boolean {
    return this.blockedAt !== undefined;
  }

  verdict(): FlowVerdict {
    const pairs = this.pairs?.map((p) => ({
      nodeSubnetId: p.node.subnet.id,
      targetId: p.target?.owner.kind === 'instance' ? p.target.owner.instance.id : '',
      allowed: p.allowed,
      ...(p.blockedAt ? { blockedAt: p.blockedAt } : {}),
    }));
    const base = { steps: this.steps, ...(pairs ? { pairs } : {}) };
    return this.blockedAt === undefined
      ? { allowed: true, ...base }
      : { allowed: false, blockedAt: this.blockedAt, ...base };
  }
}
