import { describe, expect, it } from 'vitest';
import { findings } from '../engine';
import { addRule, type Finding, type Scenario } from '../model';
import { largeScenario } from '../model/large-scenario';
import { lintClient, type WorkerLike } from './lint';
import { applyLintPatch, diffForLint, type LintPatch } from './lint-patch';

/** A worker in the same thread, structured-cloning like a real one. */
function fakeWorker(): WorkerLike & { sent: LintPatch[]; answer(): void } {
  let current: Scenario | null = null;
  const queue: { seq: number; patch: LintPatch }[] = [];
  const w = {
    sent: [] as LintPatch[],
    onmessage: null as WorkerLike['onmessage'],
    postMessage(m: { seq: number; patch: LintPatch }) {
      const copy = structuredClone(m);
      w.sent.push(copy.patch);
      queue.push(copy);
    },
    answer() {
      const m = queue.shift();
      if (!m) return;
      current = applyLintPatch(current, m.patch);
      w.onmessage?.({ data: { seq: m.seq, list: findings(current) as Finding[] } });
    },
  };
  return w;
}

const big = largeScenario({ instances: 40, groups: 30, rulesPerGroup: 20 });

describe('lint in a worker', () => {
  it('the worker rebuilds the same document from patches and finds the same findings', () => {
    const w = fakeWorker();
    const results: { scenario: Scenario; list: readonly Finding[] }[] = [];
    const client = lintClient(w, (r) => results.push(r));
    client.lint(big);
    w.answer();
    const edited = addRule(big, 'sg-0003', 'inbound', {
      protocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrIpv4: '0.0.0.0/0',
    });
    if (!edited.ok) throw new Error('edit refused');
    client.lint(edited.scenario);
    // only the edited group travels the second time
    expect(w.sent[1]?.groups.map(([i]) => i)).toEqual([3]);
    expect(Object.keys(w.sent[1]?.top ?? {})).toEqual([]);
    w.answer();
    expect(results.map((r) => r.scenario)).toEqual([big, edited.scenario]);
    expect(JSON.stringify(results[1]?.list)).toBe(JSON.stringify(findings(edited.scenario)));
    expect(results[1]?.list.some((f) => f.code === 'WORLD_OPEN_ADMIN_PORT')).toBe(true);
  });

  it('an answer for a document that is no longer current is not shown', () => {
    const w = fakeWorker();
    const results: Scenario[] = [];
    const client = lintClient(w, (r) => results.push(r.scenario));
    client.lint(big);
    const renamed = { ...big, name: 'Renamed' };
    client.lint(renamed);
    w.answer();
    expect(results).toEqual([]);
    w.answer();
    expect(results).toEqual([renamed]);
  });

  it('a patch drops fields that the new document no longer has', () => {
    const withDescription = { ...big, description: 'x' };
    const patch = diffForLint(withDescription, big);
    expect(applyLintPatch(withDescription, patch)).toEqual(big);
  });
});
