import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../model';

const root = path.resolve(import.meta.dirname, '../..');
const threeTier = path.join(root, 'src/content/scenarios/three-tier.json');

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
};

describe('sg-lab link', () => {
  it('prints the fragment, and --decode writes the same scenario back', () => {
    const link = run('link', threeTier);
    expect(link.status).toBe(0);
    const fragment = link.out.trim();
    expect(fragment).toMatch(/^#s=1\./);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sg-lab-link-')), 'back.json');
    expect(run('link', '--decode', fragment, '-o', out).status).toBe(0);
    const back = parseScenario(readFileSync(out, 'utf8'));
    const original = parseScenario(readFileSync(threeTier, 'utf8'));
    expect(back.ok && back.scenario).toEqual(original.ok && original.scenario);
    expect(run('check', out).status).toBe(0);
  }, 30_000);

  it('exits 2 with the error code on a damaged link', () => {
    const fragment = run('link', threeTier).out.trim();
    const cut = run('link', '--decode', fragment.slice(0, 300));
    expect(cut.status).toBe(2);
    expect(cut.err).toMatch(/^LINK_TRUNCATED: /);
    expect(run('link', '--decode', '#s=9.AAAA').err).toMatch(/^LINK_NEWER_VERSION/);
    expect(run('link').status).toBe(2);
  }, 30_000);
});

describe('sg-lab link with a challenge', () => {
  it('a challenge file gives #c=1., and --decode writes the challenge back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-lab-challenge-'));
    const lesson = JSON.parse(
      readFileSync(path.join(root, 'src/content/lessons/06-allow-only.json'), 'utf8'),
    );
    const file = path.join(dir, 'challenge.json');
    const challenge = {
      format: 'sg-lab.challenge',
      version: 1,
      title: 'Keep the stranger out',
      scenario: lesson.scenario,
      goals: lesson.steps[1].goals,
    };
    writeFileSync(file, JSON.stringify(challenge));
    const link = run('link', file);
    expect(link.status).toBe(0);
    expect(link.out.trim()).toMatch(/^#c=1\./);
    const back = run('link', '--decode', link.out.trim());
    expect(back.status).toBe(0);
    expect(JSON.parse(back.out)).toMatchObject({
      format: 'sg-lab.challenge',
      title: 'Keep the stranger out',
    });
    writeFileSync(file, JSON.stringify({ ...challenge, goals: [] }));
    const bad = run('link', file);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/not a valid challenge/);
  });
});
