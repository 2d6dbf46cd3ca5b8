import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../interchange';
import { capped, printable } from './text';

const root = path.resolve(import.meta.dirname, '../..');
const vector = path.join(root, 'src/test-support/fixtures/aws-behaviour/sgref-member-allowed.json');
const dir = mkdtempSync(path.join(tmpdir(), 'sg-lab-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('sg-lab check with stranger files', () => {
  const doc = JSON.parse(readFileSync(vector, 'utf8'));

  it('escapes control characters from a file instead of sending them to the terminal', () => {
    const evil = structuredClone(doc);
    evil.instances[0].id = 'i-\u001b[2J\u001b]0;owned\u0007';
    evil.expectations[0].from = evil.instances[0].id;
    const r = run(file('ansi.json', JSON.stringify(evil)));
    const all = r.out + r.err;
    expect(all).not.toMatch(/\u001b|\u0007/);
    expect(all).toContain('\\u001b[2J');
  }, 20_000);

  it('reads UTF-8 with a byte-order mark, and UTF-16 with one (PowerShell >)', () => {
    const text = JSON.stringify(doc);
    expect(run(file('bom.json', `\ufeff${text}`)).status).toBe(0);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(run(file('utf16.json', le)).status).toBe(0);
  }, 20_000);

  it('reports a JSON error by line and column, and caps a long error list', () => {
    const broken = run(file('broken.json', '{\n  "format": "sg-lab.scenario",\n  "version" 1\n}'));
    expect(broken.status).toBe(2);
    expect(broken.err).toMatch(/line 3, column 13/);
    const many = structuredClone(doc);
    many.securityGroups = Array.from({ length: 400 }, (_, i) => ({
      ...doc.securityGroups[0],
      name: 7,
      id: `sg-${i}`,
    }));
    const r = run(file('many.json', JSON.stringify(many)));
    expect(r.status).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(52); // the file line, 50 errors, the rest counted
    expect(r.err).toMatch(/… and 350 more/);
  }, 20_000);

  it('says when a file has no expectations', () => {
    const none = { ...doc, expectations: [] };
    const r = run(file('none.json', JSON.stringify(none)));
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/no expectations to check/);
  }, 20_000);
});

describe('terminal text', () => {
  it('printable keeps ordinary text and escapes every control and bidi override', () => {
    expect(printable('web-a → db ✓ tab\there')).toBe('web-a → db ✓ tab\there');
    expect(printable('a\u001bb\u009bc\u202ed\nx')).toBe('a\\u001bb\\u009bc\\u202ed\\u000ax');
  });
  it('decodeFile follows the byte-order mark', () => {
    expect(decodeFile(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeFile(new Uint8Array([0xfe, 0xff, 0, 0x7b, 0, 0x7d]))).toBe('{}');
  });
  it('capped counts what it leaves out', () => {
    expect(capped(['a', 'b', 'c'], 2)).toEqual(['a', 'b', '… and 1 more']);
    expect(capped(['a'], 2)).toEqual(['a']);
  });
});
