import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from './check';

const root = path.resolve(import.meta.dirname, '../..');
const vector = path.join(root, 'src/test-support/fixtures/aws-behaviour/sgref-member-allowed.json');

describe('sg-lab check', () => {
  it('passes a vector and reports the JSON fields of the contract', () => {
    const out = checkScenarioText('v.json', readFileSync(vector, 'utf8'));
    expect(out.ok).toBe(true);
    const row = out.ok ? out.rows[0] : undefined;
    expect(Object.keys(row ?? {}).sort()).toEqual(
      ['actual', 'expect', 'file', 'from', 'index', 'pass', 'reason', 'to'].sort(),
    );
    expect(row).toMatchObject({ pass: true, actual: 'allow' });
  });
  it('a failing expectation is reported with blockedAt and reason', () => {
    const doc = JSON.parse(readFileSync(vector, 'utf8'));
    doc.expectations[0].expect = 'deny';
    const out = checkScenarioText('v.json', JSON.stringify(doc));
    expect(out.ok && out.rows[0]).toMatchObject({ pass: false, expect: 'deny', actual: 'allow' });
  });
  it('an invalid scenario is refused with paths', () => {
    const out = checkScenarioText('bad.json', '{"format":"sg-lab.scenario","version":1}');
    expect(out.ok).toBe(false);
    expect(!out.ok && out.issues.map((i) => i.path)).toContain('vpcs');
  });
  it('exit codes: 0 all pass, 1 some fail, 2 invalid', () => {
    const run = (...args: string[]) =>
      spawnSync('npx', ['tsx', 'src/cli/main.ts', 'check', ...args], {
        cwd: root,
        encoding: 'utf8',
      }).status;
    const failing = path.join(mkdtempSync(path.join(tmpdir(), 'sg-lab-')), 'failing.json');
    const doc = JSON.parse(readFileSync(vector, 'utf8'));
    doc.expectations[0].expect = 'deny';
    writeFileSync(failing, JSON.stringify(doc));
    expect(run(vector)).toBe(0);
    expect(run(vector, failing)).toBe(1);
    expect(run(path.join(root, 'package.json'))).toBe(2);
    expect(run(vector, failing, path.join(root, 'package.json'))).toBe(2);
  }, 40_000);
});
