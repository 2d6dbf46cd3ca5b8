/** Data-driven: each case lists every instance's exposure to the internet. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, removeRule } from '../model';
import { FIXTURES } from '../test-support/fixtures';
import { exposure } from './exposure';

const dir = path.join(FIXTURES, 'exposure-cases');
const label = (e: {
  label: string;
  port: number;
  via?: { name: string };
  audience: string;
  ipv6?: boolean;
}) =>
  `${e.label} ${e.port}${e.via ? ` via ${e.via.name}` : ''}${e.audience === 'you' ? ' from You' : ''}${e.ipv6 ? ' over IPv6' : ''}`;

describe('exposure', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(file, () => {
      const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const parsed = parseScenario(doc.scenario);
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      const actual = Object.fromEntries(
        [...exposure(parsed.scenario)].map(([id, list]) => [id, list.map(label)]),
      );
      expect(actual).toEqual(doc.exposure);
    });
  }

  it('follows an edit: removing the world-open SSH rule leaves only My IP', () => {
    const doc = JSON.parse(readFileSync(path.join(dir, 'exposed.json'), 'utf8'));
    const parsed = parseScenario(doc.scenario);
    if (!parsed.ok) throw new Error('exposed.json does not parse');
    expect(exposure(parsed.scenario).get('i-bastion')?.map(label)).toEqual([
      'SSH 22',
      'HTTPS 443 over IPv6',
    ]);
    const r = removeRule(parsed.scenario, 'sg-bastion', 'inbound', 'sgr-ssh-world');
    if (!r.ok) throw new Error(r.issue.message);
    // what is left is the original rule for My IP
    expect(exposure(r.scenario).get('i-bastion')?.map(label)).toEqual([
      'SSH 22 from You',
      'HTTPS 443 over IPv6',
    ]);
  });
});
