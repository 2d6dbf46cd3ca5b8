/**
 * `npm run bench`: the engine against a strong reference in the same run (strong-reference.ts:
 * rules parsed once into numbers, every rule of both ends scanned per pair), on a generated
 * scenario of 1,000 instances and 300 groups × 60 rules, then at 60,000 instances and 1,000
 * groups. Figures are medians; ratios compare work done in this same process, so the machine's
 * speed cancels out. The slow reference (reference.ts, which re-reads every rule per packet) is
 * kept for agreement and the single-flow rate, labelled as such.
 *
 * `npm run bench` builds this file with Vite (as the app is built) and runs the output, rather
 * than running it through tsx: tsx keeps function names by wrapping every named closure in a
 * call the app never makes (the engine's ratio to the strong reference was about a tenth lower
 * under tsx in four alternated runs, and the 5,000-group lint 0.05-0.65 s slower).
 */
import { compile, computeReachability, evaluateFlow, findings, referenceAllowed } from '../engine';
import {
  formatCount,
  addRule,
  parseScenario,
  ruleCount,
  updateRule,
  type Flow,
  type NaclEntry,
  type NetworkAcl,
  type Scenario,
} from '../model';
import { largeScenario } from '../model/large-scenario';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

import { strongReference } from './strong-reference';
import { renderTable } from './table';

const SIZE = { instances: 1000, groups: 300, rulesPerGroup: 60 };
const HTTPS = { protocol: 'tcp', port: 443 } as const;
const REFERENCE_BUDGET_MS = 2000;
const ENGINE_WARM_UP = 12;
const STRONG_WARM_UP = 3;

const now = (): number => performance.now();
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const count = (x: number): string => formatCount(Math.round(x));
const ratio = (x: number): string => `${x >= 100 ? count(x) : x.toFixed(1)}×`;

/** compile (rules wait for their first use) and, apart, every rule compiled as a trace would. */
function measureCompile(): { world: number; everyRule: number } {
  const world: number[] = [];
  const everyRule: number[] = [];
  for (let i = 0; i < 8; i++) {
    const s = largeScenario(SIZE); // new objects: nothing cached
    settle();
    let t = now();
    const c = compile(s);
    const w = now() - t;
    t = now();
    let rules = 0;
    for (const g of c.groups.values()) rules += g.inbound.length + g.outbound.length;
    const e = now() - t;
    if (rules !== ruleCount(s)) throw new Error(`compiled ${rules} of ${ruleCount(s)} rules`);
    // the first three warm the compiler up, and are not counted
    if (i < 3) continue;
    world.push(w);
    everyRule.push(e);
  }
  return { world: median(world), everyRule: median(everyRule) };
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

/** Every cell of an n × n matrix, to compare two evaluators (not timed). */
function cellsOf(n: number, allowed: (i: number, j: number) => boolean): Uint8Array {
  const cells = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (allowed(i, j)) cells[i * n + j] = 1;
  return cells;
}

/** The engine from a scenario it has never seen: compile, then every cell read (timed). */
function engineFull(s: Scenario): { time: number; allowed: number; cells: Uint8Array } {
  const n = s.instances.length;
  settle();
  const t = now();
  const m = computeReachability(s, HTTPS);
  // one call per cell, row by row, as a consumer reads a matrix
  let allowed = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (m.isAllowed(i, j)) allowed++;
  const time = now() - t;
  return { time, allowed, cells: cellsOf(n, (i, j) => m.isAllowed(i, j)) };
}

/** The strong reference: parse once, then every pair scanned (timed). */
function strongFull(s: Scenario): { time: number; allowed: number; cells: Uint8Array } {
  const n = s.instances.length;
  settle();
  const t = now();
  const ref = strongReference(s, 6, 443);
  let allowed = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (ref.allowed(i, j)) allowed++;
  const time = now() - t;
  return { time, allowed, cells: cellsOf(n, (i, j) => ref.allowed(i, j)) };
}

/** The scenario as the app holds it once it has read the document's JSON text. */
function loaded(s: Scenario): Scenario {
  const r = parseScenario(JSON.stringify(s));
  if (!r.ok) throw new Error('the generated scenario does not read back');
  return r.scenario;
}

interface Turns {
  /** Each evaluator's median time. */
  readonly engine: number;
  readonly strong: number;
  /** Pairs allowed, as the engine found them. */
  readonly allowed: number;
  /** Cells in which the two disagreed, over every pair of runs. */
  readonly differ: number;
}

/**
 * Runs of the engine and of the strong reference in turns, each on a new scenario: a spell in
 * which this shared machine runs slow (its speed varies by half within minutes) then falls on
 * both, not on one of them. Each pair of runs is compared cell by cell, and the cells dropped: the
 * memory measured later is the engine's and the scenario's, not these runs'.
 */
function inTurns(runs: number, scenario: () => Scenario): Turns {
  const engine: number[] = [];
  const strong: number[] = [];
  let allowed = 0;
  let differ = 0;
  for (let k = 0; k < runs; k++) {
    const e = engineFull(scenario());
    const r = strongFull(scenario());
    engine.push(e.time);
    strong.push(r.time);
    allowed = e.allowed;
    differ += differing(e.cells, r.cells);
  }
  return { engine: median(engine), strong: median(strong), allowed, differ };
}

const differing = (a: Uint8Array, b: Uint8Array): number => {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) k++;
  return k;
};

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

/** The world at account scale: ready to answer, then single cells, row summaries, an edit. */
function atScale(instances: number, groups: number) {
  const big = largeScenario({ instances, groups, rulesPerGroup: 60 });
  const n = big.instances.length;
  collect();
  const before = memory();
  let t = now();
  const m = computeReachability(big, HTTPS);
  m.isAllowed(0, 1);
  const ready = now() - t;
  collect();
  const engineBytes = memory() - before;
  const total = memory();
  // cells far apart: each from another source, so no row is ever composed
  const cells = Array.from({ length: 200_000 }, (_, k) => [(k * 7919) % n, (k * 104729 + 13) % n]);
  t = now();
  let yes = 0;
  for (const [i, j] of cells) if (m.isAllowed(i as number, j as number)) yes++;
  const perCell = (now() - t) / cells.length;
  t = now();
  const ref = strongReference(big, 6, 443);
  const refParse = now() - t;
  t = now();
  let refYes = 0;
  let mismatches = 0;
  for (const [i, j] of cells) {
    const a = ref.allowed(i as number, j as number);
    if (a) refYes++;
    if (a !== m.isAllowed(i as number, j as number)) mismatches++;
  }
  const refPerCell = (now() - t) / cells.length;
  const rows = Array.from({ length: 20 }, (_, k) => (k * 2999) % n);
  t = now();
  for (const r of rows) m.reachesCount(r);
  const perRow = (now() - t) / rows.length;
  const g = big.securityGroups[17];
  const rule = g?.inbound[0];
  let edit = NaN;
  if (g && rule?.id) {
    const r = updateRule(big, g.id, 'inbound', rule.id, {
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '10.0.0.0/16',
    });
    if (r.ok) {
      t = now();
      computeReachability(r.scenario, HTTPS).isAllowed(0, 1);
      edit = now() - t;
    }
  }
  return {
    n,
    ready,
    engineBytes,
    total,
    perCell,
    refParse,
    refPerCell,
    mismatches,
    perRow,
    edit,
    yes,
    refYes,
  };
}

const gc = (() => {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as (o?: { type: 'minor' | 'major' }) => void;
})();
const collect = (): void => gc();
/**
 * Before each timed run, of the engine and the references alike: the young generation emptied
 * (the scenario just generated moves out of it), so no run pays for copying another's garbage.
 */
const settle = (): void => gc({ type: 'minor' });
const memory = (): number => {
  const u = process.memoryUsage();
  return u.heapUsed + u.arrayBuffers;
};
const mb = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;
const ns = (msPerOp: number): string =>
  msPerOp < 0.001 ? `${(msPerOp * 1e6).toFixed(0)} ns` : `${(msPerOp * 1e3).toFixed(1)} µs`;

function main(): number {
  const s = largeScenario(SIZE);
  const rules = ruleCount(s);
  const n = s.instances.length;
  process.stdout.write(
    `SG Lab benchmark: ${count(n)} instances, ${s.securityGroups.length} groups × ${SIZE.rulesPerGroup} rules (${count(rules)} rules), Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}\n\n`,
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

  // warm-up runs, not counted, until each evaluator's times have settled: the engine's many
  // small functions take about ten runs here (runs 4–12 took 11–16 ms, later ones 9–11 ms), the
  // reference's one loop is optimised within its first run (its first run is as fast as its tenth)
  const firstEngine = engineFull(largeScenario(SIZE)).time;
  const firstStrong = strongFull(largeScenario(SIZE)).time;
  for (let k = 1; k < ENGINE_WARM_UP; k++) engineFull(largeScenario(SIZE));
  for (let k = 1; k < STRONG_WARM_UP; k++) strongFull(largeScenario(SIZE));
  // each run on a scenario the engine has never seen (new objects: nothing cached)
  // generated one at a time (outside the timing), so no run pays for the others' garbage
  const full = inTurns(9, () => largeScenario(SIZE));
  const { engine, strong } = full;

  // the edit path warmed up like the rest (mending rows is code a first matrix never runs), on
  // another scenario, not counted
  const warm = largeScenario(SIZE);
  engineFull(warm);
  for (const next of edits(warm, ENGINE_WARM_UP)) engineFull(next);
  // the scenario the editor has open, every cell read; then one rule edit and every cell again
  engineFull(s);
  const editRuns: number[] = [];
  let editDiffer = 0;
  for (const next of edits(s, 9)) {
    const r = engineFull(next);
    editRuns.push(r.time);
    editDiffer += differing(r.cells, strongFull(next).cells);
  }
  const update = median(editRuns);

  // the same, with a network ACL on every subnet
  const acl = inTurns(5, () => withAcls(largeScenario(SIZE)));

  // the same, on the scenario as the app holds a document it loaded (a file, an autosave, a link):
  // read from its JSON text by the app's own reader. The generated one is built by spreading and
  // concatenating, which leaves strings V8 must flatten and objects of more shapes.
  const read = inTurns(9, () => loaded(largeScenario(SIZE)));

  // the slow reference agrees too (sampled rows)
  const slow = referenceRows(s);

  const rows = [
    [
      'compile the scenario (interfaces, addresses, groups; rules wait for their first use)',
      ms(compileTime.world),
      'no compile step',
      '',
    ],
    ['compile every rule (what a trace asks for)', ms(compileTime.everyRule), '', ''],
    [
      `full ${count(n)} × ${count(n)} matrix, TCP 443: compile, then all ${count(n * n)} cells read through isAllowed`,
      ms(engine),
      ms(strong),
      ratio(strong / engine),
    ],
    [
      'the same, the first run in this process (not yet optimised by the compiler)',
      ms(firstEngine),
      ms(firstStrong),
      ratio(firstStrong / firstEngine),
    ],
    [
      'one rule edit, then all cells read again',
      ms(update),
      `${ms(strong)} (all again)`,
      ratio(strong / update),
    ],
    [
      'full matrix with a network ACL on every subnet',
      ms(acl.engine),
      ms(acl.strong),
      ratio(acl.strong / acl.engine),
    ],
    [
      'full matrix of the scenario read from its JSON text, as a file or an autosave opens',
      ms(read.engine),
      ms(read.strong),
      ratio(read.strong / read.engine),
    ],
  ];
  process.stdout.write(`${renderTable(['', 'engine', 'strong reference', 'ratio'], rows)}\n`);
  process.stdout.write(
    `${count(full.allowed)} of ${count(n * n)} pairs allowed (${count(acl.allowed)} with the ACLs); cells that differ from the strong reference: ${full.differ} over 9 × ${count(n * n)}, ${editDiffer} over 9 edits, ${acl.differ} with ACLs, ${read.differ} read from JSON.\n\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['', 'engine', 'slow reference (reference.ts)', 'ratio'],
      [
        [
          'single-flow evaluations per second',
          `${count(engineRate)}/s (with full trace)`,
          `${count(referenceRate)}/s (verdict only)`,
          ratio(engineRate / referenceRate),
        ],
        [
          'matrix cells checked against the slow reference',
          `${slow.mismatches} differ`,
          `${count(slow.pairs)} pairs in ${REFERENCE_BUDGET_MS / 1000} s`,
          '',
        ],
      ],
    )}\n\n`,
  );

  const big = atScale(60_000, 1000);
  process.stdout.write(
    `${renderTable(
      [`${count(big.n)} instances, 1,000 groups × 60 rules`, 'engine', 'strong reference', 'ratio'],
      [
        [
          'ready to answer any cell (compile, index, bitsets, one cell)',
          ms(big.ready),
          `${ms(big.refParse)} (parse)`,
          '',
        ],
        [
          'one cell, each from another source',
          ns(big.perCell),
          ns(big.refPerCell),
          ratio(big.refPerCell / big.perCell),
        ],
        [
          'a row summary ("reaches N of 60,000")',
          ns(big.perRow),
          `${ns(big.refPerCell * big.n)} (n cells)`,
          ratio((big.refPerCell * big.n) / big.perRow),
        ],
        ['one rule edit, then a cell', ms(big.edit), '', ''],
        [
          'memory: the engine / with the scenario',
          `${mb(big.engineBytes)} / ${mb(big.total)}`,
          '',
          '',
        ],
      ],
    )}\n`,
  );
  process.stdout.write(
    `${count(big.yes)} of 200,000 sampled cells allowed; ${big.mismatches} differ from the strong reference.\n\n`,
  );

  const lint = lintAtScale();
  process.stdout.write(
    `findings on an import of 5,000 groups × 60 rules: first run ${ms(lint.first)}, after one rule edit ${ms(lint.edit)} (median of 5; the app runs it in a worker past ${count(5000)} rules).\n\n`,
  );
  const targets = [
    [`full matrix at least 20× the strong reference`, strong / engine >= 20],
    [`one rule edit and all reads again within 8 ms`, update <= 8],
    [`60,000 instances ready within 1 s`, big.ready < 1000],
    [`60,000 instances within 200 MB with the scenario`, big.total < 200e6],
    [
      `the matrix agrees with the strong reference everywhere`,
      full.differ + editDiffer + acl.differ + read.differ + big.mismatches === 0,
    ],
    [`the matrix agrees with the slow reference`, slow.mismatches === 0],
    [`findings on 5,000 groups under 2 s`, lint.first < 2000],
    [`findings after an edit under 50 ms`, lint.edit < 50],
  ] as const;
  for (const [what, ok] of targets) process.stdout.write(`${ok ? '✓' : '✗'} ${what}\n`);
  // the issue's aim beside its 20× target: reported, not failed (~3 ms of it is the million reads)
  process.stdout.write(
    `${engine <= 10 ? '✓' : '·'} aim, not a target: full matrix within 10 ms (${ms(engine)})\n`,
  );
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
