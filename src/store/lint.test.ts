import { describe, expect, it } from 'vitest';
import { findings } from '../engine';
import { addRule, validateWorld, type Finding, type Scenario } from '../model';
import { largeScenario } from '../model/large-scenario';
import { partsJoiner, partsOf } from './in-parts';
import {
  lintClient,
  runsInWorker,
  type LintRequest,
  type LintResult,
  type WorkerLike,
} from './lint';
import { instanceIssues, worldIssuesView } from './selectors';
import { answerEncoder } from './lint-answer';
import { applyDocPatch, diffDoc, type DocPatch } from './doc-patch';

/** A worker in the same thread, structured-cloning and joining parts like a real one. */
function fakeWorker(): WorkerLike & { sent: DocPatch[]; answers: number[]; answer(): void } {
  let current: Scenario | null = null;
  const answer = answerEncoder();
  const join = partsJoiner<LintRequest>();
  const queue: LintRequest[] = [];
  const w = {
    sent: [] as DocPatch[],
    answers: [] as number[],
    onmessage: null as WorkerLike['onmessage'],
    postMessage(part: Parameters<WorkerLike['postMessage']>[0]) {
      const m = join(structuredClone(part));
      if (!m) return;
      w.sent.push(m.patch);
      queue.push(m);
    },
    answer() {
      const m = queue.shift();
      if (!m) return;
      current = applyDocPatch(current, m.patch);
      const a = answer(m.seq, findings(current) as Finding[], validateWorld(current));
      w.answers.push(a.findings.added.length);
      for (const part of partsOf(a)) w.onmessage?.({ data: structuredClone(part) });
    },
  };
  return w;
}

const big = largeScenario({ instances: 40, groups: 30, rulesPerGroup: 20 });

/** The document with an SSH rule from `cidr` added to sg-0003's inbound rules. */
function sshFrom(s: Scenario, cidr: string): Scenario {
  const r = addRule(s, 'sg-0003', 'inbound', {
    protocol: 'tcp',
    fromPort: 22,
    toPort: 22,
    cidrIpv4: cidr,
  });
  if (!r.ok) throw new Error('edit refused');
  return r.scenario;
}

describe('lint in a worker', () => {
  it('the worker rebuilds the same document from patches and finds the same findings', () => {
    const w = fakeWorker();
    const results: { scenario: Scenario; list: readonly Finding[] }[] = [];
    const client = lintClient(w, (r) => results.push(r));
    client.lint(big);
    w.answer();
    const edited = { scenario: sshFrom(big, '0.0.0.0/0') };
    client.lint(edited.scenario);
    // only the edited group travels the second time
    expect(w.sent[1]?.groups.map(([i]) => i)).toEqual([3]);
    expect(Object.keys(w.sent[1]?.top ?? {})).toEqual([]);
    w.answer();
    expect(results.map((r) => r.scenario)).toEqual([big, edited.scenario]);
    expect(JSON.stringify(results[1]?.list)).toBe(JSON.stringify(findings(edited.scenario)));
    expect(results[1]?.list.some((f) => f.code === 'WORLD_OPEN_ADMIN_PORT')).toBe(true);
    // the second answer carries only the findings that changed
    expect(w.answers[0]).toBe(findings(big).length);
    expect(w.answers[1]).toBeLessThan((w.answers[0] ?? 0) / 4);
  });

  it('an answer for a document that is no longer current is not shown', () => {
    const w = fakeWorker();
    const results: Scenario[] = [];
    const lists: (readonly Finding[])[] = [];
    const client = lintClient(w, (r) => {
      results.push(r.scenario);
      lists.push(r.list);
    });
    client.lint(big);
    const renamed = { ...big, name: 'Renamed' };
    client.lint(renamed);
    w.answer();
    expect(results).toEqual([]);
    w.answer();
    expect(results).toEqual([renamed]);
    // the late answer was still the base of the next, which is rebuilt on it
    expect(JSON.stringify(lists[0])).toBe(JSON.stringify(findings(renamed)));
  });

  it('a patch drops fields that the new document no longer has', () => {
    const withDescription = { ...big, description: 'x' };
    const patch = diffDoc(withDescription, big);
    expect(applyDocPatch(withDescription, patch)).toEqual(big);
  });

  it("the worker answers the world's issues too; while it checks an edit, the last ones show only where the edit left the list", () => {
    const many = largeScenario({ instances: 40, groups: 100, rulesPerGroup: 55, seed: 5 });
    expect(runsInWorker(many)).toBe(true);
    const target = many.instances[7]!;
    // an address outside its subnet: AWS would refuse it
    const bad = {
      ...many,
      instances: many.instances.map((i) => (i === target ? { ...i, privateIp: '192.0.2.10' } : i)),
    };
    const w = fakeWorker();
    const results: LintResult[] = [];
    const client = lintClient(w, (r) => results.push(r));
    client.lint(bad);
    const waiting = worldIssuesView({ scenario: bad, lint: null, lintInWorker: true });
    expect(waiting).toMatchObject({ pending: true, issues: [], of: null });
    expect(instanceIssues(waiting, bad, target.id).size).toBe(0);
    w.answer();
    const lint = results[0]!;
    expect(JSON.stringify(lint.issues)).toBe(JSON.stringify(validateWorld(bad)));
    const answered = worldIssuesView({ scenario: bad, lint, lintInWorker: true });
    expect(answered.pending).toBe(false);
    expect(instanceIssues(answered, bad, target.id).get('privateIp')?.[0]?.message).toContain(
      'is not inside subnet',
    );
    // a rule edit keeps the instances: their last issues still hold while the worker checks
    const ruled = { scenario: sshFrom(bad, '10.0.0.0/8') };
    const checking = worldIssuesView({ scenario: ruled.scenario, lint, lintInWorker: true });
    expect(checking.pending).toBe(true);
    expect(instanceIssues(checking, ruled.scenario, target.id).get('privateIp')).toHaveLength(1);
    // an edit of the instances does not: the paths may point elsewhere now
    const moved = { ...ruled.scenario, instances: ruled.scenario.instances.slice(1) };
    const stale = worldIssuesView({ scenario: moved, lint, lintInWorker: true });
    expect(instanceIssues(stale, moved, target.id).size).toBe(0);
    // without a worker the issues are computed where they are asked for
    const here = worldIssuesView({ scenario: bad, lint: null, lintInWorker: false });
    expect(here.issues).toEqual(validateWorld(bad));
  });
});
