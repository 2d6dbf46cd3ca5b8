/**
 * `npm run bench`: the engine against the straightforward reference evaluator, in one run, on a
 * generated scenario of 1,000 instances and 300 groups × 60 rules. Figures are medians; ratios
 * compare work done in this same process, so the machine's speed cancels out.
 */
import { compile, computeReachability, evaluateFlow, findings, referenceAllowed } from '../engine';
import {
  addRule,
  ruleCount,
  updateRule,
  type Flow,
  type NaclEntry,
  type NetworkAcl,
  type Scenario,
} from '../model';
import { largeScenario } from '../model/large-scenario';

import { renderTable } from './table';

const SIZE = { instances: 1000, groups: 300, rulesPerGroup: 60 };
const HTTPS = { protocol: 'tcp', port: 443 } as const;
const REFERENCE_BUDGET_MS = 2000;

const now = (): number => performance.now();
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const count = (x: number): string => Math.round(x).toLocaleString('en-US');
const ratio = (x: number): string => `${x >= 100 ? count(x) : x.toFixed(1)}×`;

function measureCompile(): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = largeScenario(SIZE); // new objects: nothing cached
    const t = now();
    compile(s);
    runs.push(now() - t);
  }
  return median(runs);
}

/** Evaluations per second over the same flows, for one evaluator, for about a second. */
function perSecond(flows: readonly Flow[], evaluate: (f: Flow) => unknown): number {
  let done = 0;
  const t = now();
  while (now() - t < 1000) {
    for (const f of flows) evaluate(f);
    done += flows.length;
  }
  return (done / (now() - t)) * 1000;
}

/** The full instances × instances matrix: every verdict computed, allowed pairs counted. */
function fullMatrix(s: Scenario): { time: number; allowed: number } {
  const t = now();
  const allowed = computeReachability(s, HTTPS).allowedInstancePairs;
  return { time: now() - t, allowed };
}

/** Reading every pair back one call at a time, as a consumer of isAllowed would. */
function readAll(s: Scenario): number {
  const m = computeReachability(s, HTTPS);
  const n = s.instances.length;
  const t = now();
  let allowed = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (m.isAllowed(i, j)) allowed++;
  const time = now() - t;
  if (allowed !== m.allowedInstancePairs)
    throw new Error('isAllowed disagrees with the row counts');
  return time;
}

/** The reference on whole rows until its budget runs out; the matrix checked against each pair. */
function referenceRows(s: Scenario): { perPair: number; pairs: number; mismatches: number } {
  const m = computeReachability(s, HTTPS);
  const ids = s.instances.map((i) => i.id);
  let pairs = 0;
  let mismatches = 0;
  const t = now();
  for (let i = 0; i < ids.length && now() - t < REFERENCE_BUDGET_MS; i += 7) {
    for (let j = 0; j < ids.length; j++) {
      const expected = referenceAllowed(s, {
        ...HTTPS,
        from: ids[i] as string,
        to: ids[j] as string,
      });
      if (expected !== m.isAllowed(i, j)) mismatches++;
      pairs++;
    }
  }
  // the comparison above costs next to nothing beside the reference itself
  return { perPair: (now() - t) / pairs, pairs, mismatches };
}

/**
 * The same world with a network ACL on each of its four subnets, as a careful account has them:
 * denies before allows, the tiers' ports from the VPC, the reply ports, and one subnet whose reply
 * range is narrow (so the ACLs decide pairs the groups allow).
 */
function withAcls(s: Scenario): Scenario {
  const e = (
    ruleNumber: number,
    action: 'allow' | 'deny',
    from: number,
    to: number,
    cidr: string,
  ): NaclEntry => ({
    ruleNumber,
    action,
    protocol: 'tcp',
    fromPort: from,
    toPort: to,
    cidrIpv4: cidr,
  });
  const networkAcls: NetworkAcl[] = s.subnets.map((sn, k) => ({
    id: `acl-${k}`,
    vpcId: sn.vpcId,
    subnetIds: [sn.id],
    inbound: [
      e(50, 'deny', 0, 65535, `10.0.${((k + 1) % 4) * 16}.0/24`),
      e(100, 'allow', 443, 443, '10.0.0.0/16'),
      e(110, 'allow', 22, 22, '10.0.0.0/18'),
      e(200, 'allow', k === 3 ? 49152 : 1024, 65535, '10.0.0.0/16'),
    ],
    outbound: [
      e(60, 'deny', 0, 65535, `10.0.${((k + 2) % 4) * 16 + 8}.0/24`),
      e(100, 'allow', 443, 443, '10.0.0.0/16'),
      e(200, 'allow', 1024, 65535, '10.0.0.0/16'),
    ],
  }));
  return { ...s, networkAcls };
}

/** A rule edit in a group many instances carry, as the editor makes it: a new scenario object. */
function edits(s: Scenario, k: number): Scenario[] {
  const out: Scenario[] = [];
  let current = s;
  for (let e = 0; e < k; e++) {
    const g = current.securityGroups[(e * 37) % current.securityGroups.length];
    const rule = g?.inbound[e % g.inbound.length];
    if (!g || !rule?.id) continue;
    const r = updateRule(current, g.id, 'inbound', rule.id, {
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: e % 2 ? '10.0.0.0/16' : '10.0.32.0/20',
    });
    if (r.ok) out.push((current = r.scenario));
  }
  return out;
}

function main(): number {
  const s = largeScenario(SIZE);
  const rules = ruleCount(s);
  process.stdout.write(
    `SG Lab benchmark: ${count(s.instances.length)} instances, ${s.securityGroups.length} groups × ${SIZE.rulesPerGroup} rules (${count(rules)} rules), Node ${process.version}\n\n`,
  );

  const compileTime = measureCompile();

  const ids = s.instances.map((i) => i.id);
  const flows: Flow[] = Array.from({ length: 200 }, (_, k) => ({
    ...HTTPS,
    from: ids[(k * 131) % ids.length] as string,
    to: ids[(k * 277 + 5) % ids.length] as string,
  }));
  compile(s);
  const engineRate = perSecond(flows, (f) => evaluateFlow(s, f));
  const referenceRate = perSecond(flows, (f) => referenceAllowed(s, f));

  // each run on a new scenario, compiled (timed above) but never asked for this service before
  const matrixRuns = Array.from({ length: 5 }, () => {
    const fresh = largeScenario(SIZE);
    compile(fresh);
    return fullMatrix(fresh);
  });
  const matrix = median(matrixRuns.map((r) => r.time));
  const allowed = matrixRuns[0]?.allowed ?? 0;

  fullMatrix(s); // the scenario the editor has open: compiled and its matrix known
  const updates = edits(s, 9).map((next) => fullMatrix(next).time);
  const update = median(updates);
  const reading = median([readAll(s), readAll(s), readAll(s)]);

  const ref = referenceRows(s);
  const refMatrix = ref.perPair * ids.length * ids.length;

  // the same, with a network ACL on every subnet
  const aclRuns = Array.from({ length: 5 }, () => {
    const fresh = withAcls(largeScenario(SIZE));
    compile(fresh);
    return fullMatrix(fresh);
  });
  const aclMatrix = median(aclRuns.map((r) => r.time));
  const aclWorld = withAcls(s);
  fullMatrix(aclWorld);
  const aclRef = referenceRows(aclWorld);
  const aclRefMatrix = aclRef.perPair * ids.length * ids.length;

  const rows = [
    ['compile the scenario', ms(compileTime), 'no compile step', ''],
    [
      'single-flow evaluations per second',
      `${count(engineRate)}/s (with trace)`,
      `${count(referenceRate)}/s (verdict only)`,
      ratio(engineRate / referenceRate),
    ],
    [
      `full ${count(ids.length)} × ${count(ids.length)} matrix, TCP 443 (compiled scenario)`,
      ms(matrix),
      `${ms(refMatrix)} *`,
      ratio(refMatrix / matrix),
    ],
    [
      'the matrix again after one rule edit',
      ms(update),
      `${ms(refMatrix)} *`,
      ratio(refMatrix / update),
    ],
    ['(reading all pairs back through isAllowed)', ms(reading), '', ''],
    [
      'full matrix with a network ACL on every subnet',
      ms(aclMatrix),
      `${ms(aclRefMatrix)} *`,
      ratio(aclRefMatrix / aclMatrix),
    ],
  ];
  process.stdout.write(`${renderTable(['', 'engine', 'reference', 'ratio'], rows)}\n`);
  process.stdout.write(
    `* the reference evaluated ${count(ref.pairs)} pairs in ${REFERENCE_BUDGET_MS / 1000} s; its matrix time is that rate × ${count(ids.length ** 2)} pairs.\n`,
  );
  process.stdout.write(
    `${count(allowed)} of ${count(ids.length ** 2)} pairs allowed; the matrix disagrees with the reference on ${ref.mismatches} of ${count(ref.pairs)} pairs.\n`,
  );
  process.stdout.write(
    `with the ACLs: ${count(aclRuns[0]?.allowed ?? 0)} pairs allowed; the matrix disagrees with the reference on ${aclRef.mismatches} of ${count(aclRef.pairs)} pairs.\n\n`,
  );
  const lint = lintAtScale();
  process.stdout.write(
    `findings on an import of 5,000 groups × 60 rules: first run ${ms(lint.first)}, after one rule edit ${ms(lint.edit)} (median of 5; the app runs it in a worker past ${count(5000)} rules).\n\n`,
  );
  const targets = [
    [`findings on 5,000 groups under 2 s`, lint.first < 2000],
    [`findings after an edit under 50 ms`, lint.edit < 50],
    [`matrix under 50 ms`, matrix < 50],
    [`matrix at least 20× the reference`, refMatrix / matrix >= 20],
    [`one-edit update under 5 ms`, update < 5],
    [`matrix agrees with the reference`, ref.mismatches === 0],
    [`matrix with network ACLs under 50 ms`, aclMatrix < 50],
    [`matrix with network ACLs agrees with the reference`, aclRef.mismatches === 0],
  ] as const;
  for (const [what, ok] of targets) process.stdout.write(`${ok ? '✓' : '✗'} ${what}\n`);
  return targets.every(([, ok]) => ok) ? 0 : 1;
}

/** The lint of a large import (issue: findings took ~5 s on 5,000 groups × 60 rules). */
function lintAtScale(): { first: number; edit: number } {
  const s = largeScenario({ instances: 1000, groups: 5000, rulesPerGroup: 60, seed: 7 });
  let t = performance.now();
  findings(s);
  const first = performance.now() - t;
  const edits: number[] = [];
  let current = s;
  for (let k = 0; k < 5; k++) {
    const r = addRule(current, current.securityGroups[10 + k]?.id ?? '', 'inbound', {
      protocol: 'tcp',
      fromPort: 9000 + k,
      toPort: 9000 + k,
      cidrIpv4: '10.9.9.9/32',
    });
    if (!r.ok) break;
    current = r.scenario;
    t = performance.now();
    findings(current);
    edits.push(performance.now() - t);
  }
  edits.sort((a, b) => a - b);
  return { first, edit: edits[Math.floor(edits.length / 2)] ?? NaN };
}

process.exitCode = main();
