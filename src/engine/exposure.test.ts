/** Data-driven: each case lists every instance's exposure to the internet. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRule,
  parseIp,
  parseScenario,
  removeRule,
  youHost,
  type Ip,
  type Scenario,
} from '../model';
import {
  arbitraryAclWorld,
  arbitraryRule,
  arbitraryScenario,
  buildRule,
} from '../test-support/arbitrary-scenario';
import { FIXTURES } from '../test-support/fixtures';
import { compile } from './compile';
import { exposure } from './exposure';
import { passes, pathFromOutside } from './path';

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

/**
 * The definition the badges follow: a service is open when a flow from outside to the instance's
 * public address (and, apart, its IPv6 address) passes every hop, from both world probes.
 */
function byWalk(s: Scenario): Map<string, string[]> {
  const c = compile(s);
  const host = youHost(s);
  const you = host ? parseIp(host.ip) : null;
  const probes = ['192.0.2.1', '198.18.0.1'].map((a) => parseIp(a) as Ip);
  const probes6 = ['2001:db8::1', '2001:db8:ffff::1'].map((a) => parseIp(a) as Ip);
  const out = new Map<string, string[]>();
  for (const [id, iface] of c.instanceIfaces) {
    const opens = (from: readonly Ip[], via: 'public' | 'ipv6', port: number) =>
      from.every((ip) =>
        passes(c, pathFromOutside(c, ip, 'a probe', iface, via), { protocol: 6, port }),
      );
    const list: string[] = [];
    for (const [name, port] of SERVICES) {
      if (opens(probes, 'public', port)) list.push(`${name} ${port}`);
      else if (you?.family === 4 && opens([you], 'public', port))
        list.push(`${name} ${port} from You`);
      if (opens(probes6, 'ipv6', port)) list.push(`${name} ${port} over IPv6`);
    }
    if (list.length > 0) out.set(id, list);
  }
  return out;
}

const SERVICES = [
  ['SSH', 22],
  ['RDP', 3389],
  ['MySQL', 3306],
  ['PostgreSQL', 5432],
  ['HTTP', 80],
  ['HTTPS', 443],
] as const;

describe('direct exposure from group and subnet bits', () => {
  it('is what walking every path from outside finds, on random worlds and after an edit', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryScenario, arbitraryAclWorld), arbitraryRule, (s, spec) => {
        const direct = (x: Scenario) =>
          new Map(
            [...exposure(x)]
              .map(([id, list]) => [id, list.filter((e) => !e.via).map(label)] as const)
              .filter(([, list]) => list.length > 0),
          );
        expect(direct(s)).toEqual(byWalk(s));
        const group = s.securityGroups[0];
        if (!group) return;
        const r = addRule(
          s,
          group.id,
          'inbound',
          buildRule(spec, s.securityGroups, group.vpcId, 'sgr-x'),
        );
        if (r.ok) expect(direct(r.scenario)).toEqual(byWalk(r.scenario));
      }),
      { numRuns: 300 },
    );
  });
});
