/** `sg-lab import aws|terraform` as a user runs it: files in, a scenario out, notes on stderr. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrors, parseScenario } from '../model';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = (...p: string[]) => path.join(root, 'src/test-support/fixtures', ...p);
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
};
const loads = (text: string) => {
  const p = parseScenario(text);
  return p.ok && !hasErrors(p.issues) ? p.scenario : null;
};

describe('sg-lab import', () => {
  it('aws: every file named is read, to standard output without -o', () => {
    const elb = fixture('aws-cli-examples', 'elbv2');
    const r = run(
      'import',
      'aws',
      path.join(elb, 'account.json'),
      path.join(elb, 'describe-load-balancers.output1.json'),
    );
    expect(r.status).toBe(0);
    const s = loads(r.out);
    // the first file named is the one with the instances: it must not be skipped
    expect(s?.instances.map((i) => i.id).sort()).toEqual(['i-0f76fade', 'i-ceddcd4d']);
    expect(s?.loadBalancers?.[0]?.id).toBe('my-load-balancer');
    expect(r.err).toMatch(/no listeners in the files/);
  });

  it('terraform: a plan to a file with -o, its notes on standard error', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sg-lab-tf-')), 'plan.json');
    const r = run('import', 'terraform', fixture('terraform', 'shop.plan.json'), '-o', out);
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
    expect(loads(readFileSync(out, 'utf8'))?.loadBalancers?.[0]?.id).toBe('shop-alb');
    expect(r.err).toMatch(/shop\.plan\.json: 10 resources have no AWS id yet/);
    expect(run('check', out).status).toBe(0);
  });

  it('exit 2 with the reason for what is not an import, and the usage for a wrong call', () => {
    const bad = run('import', 'terraform', fixture('terraform', 'README.md'));
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/README\.md: not JSON/);
    const two = run('import', 'terraform', 'a.json', 'b.json');
    expect(two.status).toBe(2);
    expect(two.err).toMatch(/usage: sg-lab import aws/);
  });
});

describe('sg-lab lesson verify', () => {
  it('passes every built-in lesson, exit 0; a file that is not a lesson is exit 2', () => {
    const dir = path.join(root, 'src/content/lessons');
    const all = run(
      'lesson',
      'verify',
      ...['01-virtual-firewall.json', '11-high-availability.json'].map((f) => path.join(dir, f)),
    );
    expect(all.status).toBe(0);
    expect(all.out).toMatch(/2 passed, 0 failed/);
    const bad = run('lesson', 'verify', fixture('terraform', 'shop.state.json'));
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/not a valid lesson/);
  });
});
