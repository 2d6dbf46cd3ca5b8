import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, matrixEndpoints, type Service } from '../engine';
import { addInstance, addRule, parseScenario, type Scenario } from '../model';
import { largeScenario } from '../model/large-scenario';
import { diffDoc, type DocPatch } from './doc-patch';
import { partsJoiner, partsOf } from './in-parts';
import type { WorkerLike } from './lint';
import { reachAnswerer, type ReachRequest } from './reach-answerer';
import { reachClient } from './reach-client';

/**
 * The matrix worker in the same thread: messages structured-cloned and cut into parts as a real
 * one's are, and its later tasks run when the test says (`run`).
 */
function fakeWorker() {
  const tasks: (() => void)[] = [];
  const join = partsJoiner<ReachRequest>();
  const received: ReachRequest[] = [];
  let made = 0;
  const w: WorkerLike = {
    onmessage: null,
    postMessage(part) {
      const m = join(structuredClone(part));
      if (!m) return;
      received.push(m);
      answerer.receive(m);
    },
  };
  const answerer = reachAnswerer(
    (a) => {
      for (const part of partsOf(a)) w.onmessage?.({ data: structuredClone(part) });
    },
    (run) => tasks.push(run),
  );
  return {
    make: () => {
      made++;
      return w;
    },
    received,
    made: () => made,
    /** Runs the worker's tasks until it is idle; how many it ran. */
    run() {
      let n = 0;
      while (tasks.length) {
        tasks.shift()?.();
        n++;
      }
      return n;
    },
  };
}

const HTTPS: Service = { protocol: 'tcp', port: 443 };

const threeTier = (): Scenario => {
  const file = path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json');
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('three-tier.json does not parse');
  return parsed.scenario;
};

/** What evaluateFlow says of each cell: the authority the worker's marks must agree with. */
function truth(s: Scenario, rows: readonly number[], cols: readonly number[]): string[] {
  const ids = matrixEndpoints(s);
  return rows.flatMap((r) =>
    cols.map((c) => {
      const v = evaluateFlow(s, { ...HTTPS, from: ids[r] ?? '', to: ids[c] ?? '' });
      return v.allowed ? 'yes' : (v.pairs ?? []).some((p) => p.allowed) ? 'partial' : 'no';
    }),
  );
}

function shown(
  client: ReturnType<typeof reachClient>,
  s: Scenario,
  rows: readonly number[],
  cols: readonly number[],
): (string | null)[] {
  const cells = client.cells(s, HTTPS);
  return rows.flatMap((r) =>
    cols.map((c) => {
      const m = cells.cell(r, c);
      if (!m) return null;
      return `${m.allowed ? 'yes' : m.partial ? 'partial' : 'no'}${m.stale ? ' (stale)' : ''}`;
    }),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('the matrix in a worker', () => {
  it('answers the window in view as evaluateFlow does, balancers and hosts too', () => {
    const s = threeTier();
    const all = range(0, matrixEndpoints(s).length);
    const w = fakeWorker();
    const client = reachClient(w.make);
    // nothing goes to a worker until a matrix is wanted
    const cells = client.cells(s, HTTPS);
    expect(w.made()).toBe(0);
    expect(cells.progress).toBe(0);
    let changes = 0;
    cells.want(all, all, () => changes++);
    expect(w.received.map((m) => m.kind)).toEqual(['document', 'window']);
    expect(shown(client, s, all, all).every((m) => m === null)).toBe(true);
    w.run();
    expect(changes).toBeGreaterThan(0);
    const want = truth(s, all, all);
    expect(want).toContain('yes');
    expect(want).toContain('no');
    expect(shown(client, s, all, all)).toEqual(want);
    expect(client.cells(s, HTTPS).progress).toBe(1);
    // the counts of the rows and columns in view, as the engine's own
    const ids = matrixEndpoints(s);
    const t = truth(s, all, all);
    for (const i of all) {
      expect(client.cells(s, HTTPS).reaches(i)).toBe(
        all.filter((c) => t[i * ids.length + c] === 'yes').length,
      );
      expect(client.cells(s, HTTPS).reachedBy(i)).toBe(
        all.filter((r) => t[r * ids.length + i] === 'yes').length,
      );
    }
    // the same window again asks nothing
    client.cells(s, HTTPS).want(all, all, () => {});
    expect(w.received).toHaveLength(2);
  });

  it('after an edit: the last cells marked stale, then the new ones; only what changed travels', () => {
    const s = largeScenario({ instances: 120, groups: 10, rulesPerGroup: 12 });
    const w = fakeWorker();
    const client = reachClient(w.make);
    const rows = range(0, 30);
    const carriers = s.instances.flatMap((inst, i) =>
      inst.securityGroupIds.includes('sg-0003') ? [i] : [],
    );
    const cols = carriers.slice(0, 20);
    client.cells(s, HTTPS).want(rows, cols, () => {});
    w.run();
    expect(shown(client, s, rows, cols)).toEqual(truth(s, rows, cols));

    const r = addRule(s, 'sg-0003', 'inbound', { protocol: '-1', cidrIpv4: '0.0.0.0/0' });
    if (!r.ok) throw new Error('edit refused');
    const edited = r.scenario;
    const before = truth(s, rows, cols);
    const after = truth(edited, rows, cols);
    // the edit opens cells in view (else this test could not tell old from new)
    expect(after).not.toEqual(before);
    // a document read but never answered (an edit passed by) leaves the last answers shown
    const passed = addRule(s, 'sg-0004', 'inbound', {
      protocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrIpv4: '10.9.0.0/16',
    });
    if (!passed.ok) throw new Error('edit refused');
    expect(shown(client, passed.scenario, rows, cols)).toEqual(before.map((m) => `${m} (stale)`));
    expect(shown(client, edited, rows, cols)).toEqual(before.map((m) => `${m} (stale)`));
    client.cells(edited, HTTPS).want(rows, cols, () => {});
    const patch = (w.received.at(-2) as { patch: DocPatch }).patch;
    expect(patch.groups.map(([, g]) => g.id)).toEqual(['sg-0003']);
    expect(Object.keys(patch.top)).toEqual([]);
    expect(patch).toEqual(diffDoc(s, edited));
    w.run();
    expect(shown(client, edited, rows, cols)).toEqual(after);
    // undo: the first document's answers are known still, and nothing is asked
    const asked = w.received.length;
    client.cells(s, HTTPS).want(rows, cols, () => {});
    expect(shown(client, s, rows, cols)).toEqual(before);
    expect(w.received).toHaveLength(asked);
  });

  it('a new instance moves the endpoints: no stale cells, the window worked out afresh', () => {
    const s = largeScenario({ instances: 60, groups: 8, rulesPerGroup: 10 });
    const w = fakeWorker();
    const client = reachClient(w.make);
    const rows = range(0, 10);
    const cols = range(0, 10);
    client.cells(s, HTTPS).want(rows, cols, () => {});
    w.run();
    const first = s.instances[0];
    if (!first) throw new Error('no instance');
    const added = addInstance(s, {
      name: 'new-one',
      subnetId: first.subnetId,
      securityGroupIds: first.securityGroupIds,
    });
    if (!added.ok) throw new Error('edit refused');
    expect(shown(client, added.scenario, rows, cols).every((m) => m === null)).toBe(true);
    const all = [...rows, added.scenario.instances.length - 1];
    client.cells(added.scenario, HTTPS).want(all, all, () => {});
    w.run();
    expect(shown(client, added.scenario, all, all)).toEqual(truth(added.scenario, all, all));
  });

  it('answers the newest window only: one scrolled past is dropped', () => {
    const s = largeScenario({ instances: 80, groups: 8, rulesPerGroup: 10 });
    const w = fakeWorker();
    const client = reachClient(w.make);
    const a = range(0, 10);
    const b = range(40, 50);
    client.cells(s, HTTPS).want(a, a, () => {});
    client.cells(s, HTTPS).want(b, b, () => {});
    w.run();
    expect(shown(client, s, a, a).every((m) => m === null)).toBe(true);
    expect(shown(client, s, b, b)).toEqual(truth(s, b, b));
    // one copy of the document went over for both
    expect(w.received.filter((m) => m.kind === 'document')).toHaveLength(1);
  });

  it('warmed ahead, the first matrix is ready when the view first asks', () => {
    const s = largeScenario({ instances: 80, groups: 8, rulesPerGroup: 10 });
    const w = fakeWorker();
    const client = reachClient(w.make);
    client.warm(s, HTTPS);
    expect(w.received.map((m) => m.kind)).toEqual(['document', 'window']);
    w.run();
    const cells = client.cells(s, HTTPS);
    expect(cells.progress).toBe(1);
    const rows = range(0, 12);
    cells.want(rows, rows, () => {});
    // the same document is not sent twice
    expect(w.received.map((m) => m.kind)).toEqual(['document', 'window', 'window']);
    w.run();
    expect(shown(client, s, rows, rows)).toEqual(truth(s, rows, rows));
  });

  it('a document the engine cannot read is said to have failed, and the next one is answered', () => {
    const s = largeScenario({ instances: 40, groups: 6, rulesPerGroup: 8 });
    const w = fakeWorker();
    const client = reachClient(w.make);
    // an instance whose group list is not a list: compiling it throws, in the worker
    const bad = {
      ...s,
      instances: [{ ...s.instances[0], securityGroupIds: 7 }, ...s.instances.slice(1)],
    } as unknown as Scenario;
    const rows = range(0, 5);
    client.cells(bad, HTTPS).want(rows, rows, () => {});
    w.run();
    expect(client.cells(bad, HTTPS).failed).toMatch(/\S/);
    expect(shown(client, bad, rows, rows).every((m) => m === null)).toBe(true);
    client.cells(s, HTTPS).want(rows, rows, () => {});
    w.run();
    expect(client.cells(s, HTTPS).failed).toBeNull();
    expect(shown(client, s, rows, rows)).toEqual(truth(s, rows, rows));
  });

  it('a worker that stops is said to have, and is not asked again', () => {
    const s = largeScenario({ instances: 40, groups: 6, rulesPerGroup: 8 });
    const w = fakeWorker();
    let worker: WorkerLike | null = null;
    const client = reachClient(() => (worker = w.make()));
    let changes = 0;
    client.cells(s, HTTPS).want([], [], () => changes++);
    worker!.onerror?.({ message: 'the script did not load' });
    expect(changes).toBe(1);
    expect(client.cells(s, HTTPS).failed).toBe('the script did not load');
    const asked = w.received.length;
    const r = addRule(s, 'sg-0001', 'inbound', { protocol: '-1', cidrIpv4: '0.0.0.0/0' });
    if (!r.ok) throw new Error('edit refused');
    client.cells(r.scenario, HTTPS).want([], [], () => changes++);
    expect(client.cells(r.scenario, HTTPS).failed).toBe('the script did not load');
    expect(changes).toBe(2);
    expect(w.received).toHaveLength(asked);
  });
});
