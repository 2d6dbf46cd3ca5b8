/** Derived data: computed from the document on demand, cached per scenario object, never stored. */
import type { AppState } from './app-store';
import type { Activity } from './learn-slice';
import { perScenario, perScenarioAnd } from './per-scenario';
import { runsInWorker, type LintResult, type LintView } from './lint';
import { matrixCellsInPage, type MatrixCells } from './matrix-cells';
import { nextTask } from './next-task';
import { REACH_IN_WORKER_FROM, type ReachClient } from './reach-client';
import type { Inspected } from './simulation-slice';
import {
  checkGoals,
  compile,
  compileInSteps,
  computeReachability,
  evaluateDetail,
  effectiveRules,
  evaluateFlow,
  exposure,
  exposureInSteps,
  exposureKeysToCompare,
  runStepsFor,
  type Steps,
  findings,
  groupFindings,
  networkAclFindings,
  targetHealth,
  type EffectiveRule,
  type Reachability,
  type Service,
  type ExposedService,
  type GoalState,
  type PairFocus,
} from '../engine';
import {
  type Challenge,
  defaultAclOf,
  documentNotes,
  instancePositions,
  validateGroup,
  validateWorld,
  type Expectation,
  type Finding,
  type Flow,
  type FlowVerdict,
  type Instance,
  type Issue,
  type Scenario,
  perObject,
} from '../model';

export interface ExpectationResult {
  readonly expectation: Expectation;
  readonly verdict: FlowVerdict;
  readonly pass: boolean;
}

export const expectationResults = perScenario((s): readonly ExpectationResult[] =>
  (s.expectations ?? []).map((expectation) => {
    const verdict = evaluateFlow(s, expectation);
    return { expectation, verdict, pass: verdict.allowed === (expectation.expect === 'allow') };
  }),
);

const findingsOf = perScenario((s): readonly Finding[] => findings(s));

type LintState = Pick<AppState, 'scenario' | 'lint' | 'lintInWorker'>;

/**
 * One part of the lint as shown: computed here for a small document; for a large one the
 * worker's answer, or the last one while the worker is busy with the current document
 * (`pending`), with the document it is of.
 */
function linted<T>(
  state: LintState,
  part: (answer: LintResult) => T,
  here: (s: Scenario) => T,
  none: T,
): { value: T; of: Scenario | null; pending: boolean } {
  const { scenario, lint } = state;
  if (lint?.scenario === scenario) return { value: part(lint), of: scenario, pending: false };
  if (!state.lintInWorker || !runsInWorker(scenario))
    return { value: here(scenario), of: scenario, pending: false };
  return { value: lint ? part(lint) : none, of: lint?.scenario ?? null, pending: true };
}

/** The findings to show (see `linted`). */
export function lintView(state: LintState): LintView {
  const { value, pending } = linted(state, (l) => l.list, findingsOf, []);
  return { list: value, pending };
}

/** One group's findings, always current: the editor's warnings never wait for the worker. */
export const groupFindingsOf = perScenarioAnd((s, groupId: string): readonly Finding[] =>
  groupFindings(s, groupId),
);

export const aclFindingsOf = perScenarioAnd((s, aclId: string): readonly Finding[] =>
  networkAclFindings(s, aclId),
);

export const exposureOf = perScenario((s): ReadonlyMap<string, readonly ExposedService[]> =>
  exposure(s),
);

/** Each subnet's instances in document order, once per instance list (a rule edit keeps it). */
export const instancesBySubnet = perObject(
  (instances: Scenario['instances']): ReadonlyMap<string, readonly Instance[]> => {
    const m = new Map<string, Instance[]>();
    for (const i of instances) {
      const list = m.get(i.subnetId);
      if (list) list.push(i);
      else m.set(i.subnetId, [i]);
    }
    return m;
  },
);

const risky = (list: readonly ExposedService[] | undefined): boolean =>
  list?.some((e) => e.risk === 'danger') ?? false;

/** The last count, to start the next document's from when the instances stayed the same. */
let lastRisky: {
  readonly instances: Scenario['instances'];
  readonly exposure: ReadonlyMap<string, readonly ExposedService[]>;
  readonly counts: ReadonlyMap<string, number>;
} | null = null;

/**
 * Per subnet id, how many of its instances the internet opens a risky port on. After a rule edit
 * only the instances whose badges changed are counted again (60,000 would be 60,000 lookups).
 */
export const riskyPerSubnet = perScenario((s): ReadonlyMap<string, number> => {
  const now = exposureOf(s);
  const counts = new Map<string, number>();
  const prev = lastRisky;
  if (prev && prev.instances === s.instances) {
    for (const [k, v] of prev.counts) counts.set(k, v);
    const subnetOf = subnetOfId(s.instances);
    for (const id of exposureKeysToCompare(prev.exposure, now)) {
      const d = Number(risky(now.get(id))) - Number(risky(prev.exposure.get(id)));
      const sn = subnetOf.get(id);
      if (d !== 0 && sn !== undefined) counts.set(sn, (counts.get(sn) ?? 0) + d);
    }
  } else {
    // only instances with a badge can count: at 60,000 about half of them
    const subnetOf = subnetOfId(s.instances);
    for (const [id, list] of now) {
      const sn = subnetOf.get(id);
      if (risky(list) && sn !== undefined) counts.set(sn, (counts.get(sn) ?? 0) + 1);
    }
  }
  lastRisky = { instances: s.instances, exposure: now, counts };
  return counts;
});

/** Instance id → subnet id; an id given twice is its last instance's, as exposure keys it. */
const subnetOfId = perObject(
  (instances: Scenario['instances']): ReadonlyMap<string, string> =>
    new Map(instances.map((i) => [i.id, i.subnetId])),
);

/** Findings about one group's rules, by `ruleId`. */
export const ruleFindings = perScenarioAnd((s, groupId: string) => {
  const out = new Map<string, Finding[]>();
  for (const f of groupFindingsOf(s, groupId)) {
    if (!f.ruleId) continue;
    out.set(f.ruleId, [...(out.get(f.ruleId) ?? []), f]);
  }
  return out as ReadonlyMap<string, readonly Finding[]>;
});

/** Validation of the one group on screen (a whole document can hold 18,000 rules). */
export const groupIssues = perScenarioAnd((s, groupId: string): readonly Issue[] =>
  validateGroup(s, groupId),
);

export { endpointLabel } from '../model';

const worldIssues = perScenario((s): readonly Issue[] => validateWorld(s));

export interface IssuesView {
  readonly issues: readonly Issue[];
  /** The document they are of: the current one, or (pending) the last one the worker checked. */
  readonly of: Scenario | null;
  readonly pending: boolean;
}

/** The world's issues (validateWorld) to show, answered with the findings (see `linted`). */
export function worldIssuesView(state: LintState): IssuesView {
  const { value, of, pending } = linted(state, (l) => l.issues, worldIssues, []);
  return { issues: value, of, pending };
}

/**
 * What the first render of a large document asks for, computed ahead a slice at a time: the page
 * paints how far it got between slices instead of freezing once for all of them. The checks AWS
 * would make are left to the lint worker when it has the document.
 */
export async function prepareDocument(
  s: Scenario,
  onStep: (label: string, done: number) => void = () => {},
  { lintInWorker = false }: { lintInWorker?: boolean } = {},
): Promise<void> {
  const steps: (readonly [string, () => Steps<unknown>])[] = [
    ['reading its interfaces', () => compileInSteps(s)],
    ['checking it as AWS would', () => pieces(() => worldIssues(s))],
    ['finding what the internet reaches', () => exposureInSteps(s)],
    // what the first render and the first edit's notice ask of every instance, a task each: who
    // carries which group, the VPCs' default ACLs (their ids are chosen among every id in use),
    // each subnet's instances and risky count, where each instance sits in the list
    [
      'finding who carries which group',
      () =>
        pieces(
          () => carrierPositions(s.instances),
          () => s.vpcs.map((v) => defaultAclOf(s, v.id)),
          () => instancesBySubnet(s.instances),
          () => subnetOfId(s.instances),
          () => riskyPerSubnet(s),
          () => instancePositions(s.instances),
        ),
    ],
  ];
  if (lintInWorker && runsInWorker(s)) steps.splice(1, 1);
  for (const [k, [label, make]] of steps.entries()) {
    const work = make();
    // a new label is painted before its work starts; its later slices go on in the next task,
    // and the browser paints between tasks when a frame is due (waiting for a frame at each
    // slice made a 10,000-instance world open 0.4 s later)
    onStep(label, k / steps.length);
    await afterPaint();
    for (;;) {
      const r = runStepsFor(work, SLICE_MS);
      if (r.done) break;
      onStep(label, (k + r.value) / steps.length);
      await nextTask();
    }
  }
  onStep('drawing it', 1);
}

/** The page paints between slices of this long. */
const SLICE_MS = 20;

/** Pieces of work, a step each. */
function* pieces(...works: (() => unknown)[]): Steps<void> {
  for (const [k, work] of works.entries()) {
    work();
    if (k + 1 < works.length) yield (k + 1) / works.length;
  }
}

/** Per group, the positions of the instances carrying it (once per instance list). */
export const carrierPositions = perObject(
  (instances: Scenario['instances']): ReadonlyMap<string, readonly number[]> => {
    const m = new Map<string, number[]>();
    instances.forEach((inst, k) =>
      inst.securityGroupIds.forEach((g, j) => {
        // a group listed twice on one instance counts once
        if (inst.securityGroupIds.indexOf(g) !== j) return;
        const list = m.get(g);
        if (list) list.push(k);
        else m.set(g, [k]);
      }),
    );
    return m;
  },
);

/** Resolves once the page has painted what it was told (a timer alone may run before a frame). */
const afterPaint = (): Promise<void> =>
  new Promise((done) => {
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => setTimeout(done, 0));
    else setTimeout(done, 0);
  });

const notesCache = new WeakMap<readonly Issue[], readonly Issue[]>();
/** What every verdict of this document must be read with (model `documentNotes`). */
export function documentNotesOf(view: IssuesView): readonly Issue[] {
  let notes = notesCache.get(view.issues);
  if (!notes) notesCache.set(view.issues, (notes = documentNotes(view.issues)));
  return notes;
}

type WorldCollection =
  'vpcs' | 'subnets' | 'prefixLists' | 'instances' | 'loadBalancers' | 'hosts' | 'networkAcls';

/** Issues of one item of the world, by the path inside it (`cidr`, `entries[2].cidr`, …). */
export function itemIssues(
  view: IssuesView,
  s: Scenario,
  collection: WorldCollection,
  id: string,
): ReadonlyMap<string, Issue[]> {
  const out = new Map<string, Issue[]>();
  // an earlier document's paths hold only where the edits since left the collection as it was
  if (view.of?.[collection] !== s[collection]) return out;
  const list = (s[collection] ?? []) as readonly { id: string }[];
  const prefix = `${collection}[${list.findIndex((x) => x.id === id)}].`;
  for (const issue of view.issues) {
    if (!issue.path.startsWith(prefix)) continue;
    const field = issue.path.slice(prefix.length);
    out.set(field, [...(out.get(field) ?? []), issue]);
  }
  return out;
}

/** Issues of one instance's fields, by field name. */
export const instanceIssues = (view: IssuesView, s: Scenario, id: string) =>
  itemIssues(view, s, 'instances', id);

/** The union of an instance's groups' rules, covered ones flagged. */
/** A target's health as the balancer editor shows it, per health-check port. */
export interface TargetHealthRow {
  readonly targetId: string;
  readonly name: string;
  readonly state: 'healthy' | 'partly' | 'unhealthy' | 'no-traffic';
  readonly reason: string;
}

/** Each listener's health check (one per distinct port), the targets' health from each node. */
export const targetHealthOf = perScenarioAnd(
  (
    s,
    lbId: string,
  ): readonly { readonly port: number; readonly rows: readonly TargetHealthRow[] }[] => {
    const lb = s.loadBalancers?.find((l) => l.id === lbId);
    if (!lb) return [];
    const c = compile(s);
    const seen = new Set<number>();
    return lb.listeners.flatMap((l) => {
      const port = lb.healthCheck?.port ?? l.targetPort;
      if (seen.has(port)) return [];
      seen.add(port);
      return [
        {
          port,
          rows: targetHealth(c, lb, l).map((h) => ({
            targetId: h.target.id,
            name: h.target.name,
            state: !h.zoneEnabled
              ? ('no-traffic' as const)
              : !h.healthy
                ? ('unhealthy' as const)
                : h.healthyFrom.length < h.nodes.length
                  ? ('partly' as const)
                  : ('healthy' as const),
            reason: h.reason,
          })),
        },
      ];
    });
  },
);

export const effectiveRulesOf = perScenarioAnd((s, instanceId: string): readonly EffectiveRule[] =>
  effectiveRules(s, instanceId),
);

/** A flow's verdict under a document, computed once per (document, flow object). */
export const flowVerdict = perScenarioAnd((s, flow: Flow): FlowVerdict => evaluateFlow(s, flow));

const focusedVerdict = perScenarioAnd(
  (s, k: { flow: Flow; pair: PairFocus }): FlowVerdict =>
    evaluateDetail(compile(s), k.flow, k.pair).verdict,
  (k) => `${JSON.stringify(k.flow)}|${k.pair.nodeSubnetId}|${k.pair.targetId}`,
);

/** The inspected flow's verdict, walking the balancer pair the user follows when there is one. */
export function inspectedVerdict(s: Scenario, inspected: Inspected): FlowVerdict {
  return inspected.pair
    ? focusedVerdict(s, { flow: inspected.flow, pair: inspected.pair })
    : flowVerdict(s, inspected.flow);
}

/** Every source × destination for one service (the engine patches its matrix after an edit). */
export const reachabilityOf = perScenarioAnd(
  (s, service: Service): Reachability => computeReachability(s, service),
  (service) => JSON.stringify(service),
);

/**
 * The matrix the view reads: a large document's from the matrix worker when there is one (its
 * first making passes 50 ms), any other's worked out here.
 */
export function matrixCellsOf(
  st: { readonly scenario: Scenario; readonly reach: ReachClient | null },
  service: Service,
): MatrixCells {
  const s = st.scenario;
  return st.reach && s.instances.length >= REACH_IN_WORKER_FROM
    ? st.reach.cells(s, service)
    : matrixCellsInPage(s, reachabilityOf(s, service));
}

/** The share link of a document (`#s=1.…`), computed once per document. */
export const shareLinkOf = perScenario(async (s): Promise<string> => {
  // the codec (and its deflate) loads when a link is first wanted, after the first paint
  const { encodeShareLink } = await import('../interchange/share-link');
  return encodeShareLink(s);
});

/** The goals of the lesson step or challenge under way, judged on the world open now. */
export const activityGoals = (() => {
  let last: { scenario: Scenario; activity: Activity | null; goals: readonly GoalState[] } | null =
    null;
  return (s: Pick<AppState, 'scenario' | 'activity'>): readonly GoalState[] => {
    if (last && last.scenario === s.scenario && last.activity === s.activity) return last.goals;
    const a = s.activity;
    const goals = !a
      ? []
      : checkGoals(
          s.scenario,
          a.kind === 'lesson' ? (a.lesson.steps[a.step]?.goals ?? []) : a.challenge.goals,
          a.sent,
        );
    last = { scenario: s.scenario, activity: a, goals };
    return goals;
  };
})();

/** A challenge's `#c=1.…` fragment (the codec loads when first wanted). */
export async function challengeLinkOf(c: Challenge): Promise<string> {
  const { encodeShareLink } = await import('../interchange/share-link');
  return encodeShareLink(c);
}
