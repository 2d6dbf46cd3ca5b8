import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../engine';
import { parseScenario } from '../model';
import { FIXTURES } from '../test-support/fixtures';
import { fuzzRuns, mutated } from '../test-support/mutate';
import { importAws } from '.';

const folder = path.join(FIXTURES, 'aws-cli-examples');
const sample = (name: string) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') });
const all = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map(sample);

describe('import aws', () => {
  it('flattens IpPermissions into one rule per entry, with descriptions (aws-semantics §8.2)', () => {
    const r = importAws([sample('semantics-8.2-web-tier.json')]);
    if (!r.ok) throw new Error(r.notes.map((n) => n.message).join('\n'));
    const g = r.scenario.securityGroups.find((x) => x.id === 'sg-0a1b2c3d4e5f60718');
    expect(g && g.inbound.length + g.outbound.length).toBe(10);
    expect(g?.inbound.find((x) => x.cidrIpv4 === '203.0.113.0/24')?.description).toBe('Office');
    expect(g?.inbound.find((x) => x.protocol === 'icmp')).toMatchObject({
      fromPort: 8,
      toPort: -1,
    });
    expect(g?.inbound.some((x) => x.referencedGroupId === 'sg-0a1b2c3d4e5f60718')).toBe(true);
    const text = r.notes.map((n) => n.message).join('\n');
    expect(text).toMatch(/sg-0aaaabbbbccccdddd belongs to account 111122223333, another account/);
    expect(text).toMatch(/peered VPC \(pcx-0123456789abcdef0\)/);
    expect(text).toMatch(/pl-0123456789abcdef0 is referenced but not in the files/);
    expect(parseScenario(r.scenario).ok).toBe(true);
  });

  it('reads every sample of the AWS CLI reference, in any order, never dropping silently', () => {
    for (const files of [all, [...all].reverse()]) {
      const r = importAws(files);
      if (!r.ok) throw new Error('refused');
      const notes = r.notes.map((n) => `${n.file}: ${n.message}`).join('\n');
      // the reference's own example has a trailing comma: refused with where
      expect(notes).toMatch(
        /describe-security-groups\.output1\.json: not JSON \(.* at line 53, column 9\)/,
      );
      // and its describe-instances example has "10-0-0-157" for an address
      expect(notes).toMatch(/i-1234567890abcdef0 was left out: its private address "10-0-0-157"/);
      expect(r.scenario.securityGroups.map((g) => g.id)).toContain('sg-1234567890abcdef0');
      // rule ids of describe-security-group-rules are kept
      const fromRules = r.scenario.securityGroups.find((g) => g.id === 'sg-1234567890abcdef0');
      expect(fromRules?.outbound.map((x) => x.id).sort()).toEqual([
        'sgr-bcdef01234567890a',
        'sgr-cdef01234567890ab',
      ]);
      expect(r.scenario.vpcs.find((v) => v.id === 'vpc-0e9801d129EXAMPLE')?.cidr).toBe(
        '30.1.0.0/16',
      );
    }
  });

  it('takes the EC2 Query XML names as well as the SDK names', () => {
    const xml = {
      securityGroupInfo: {
        item: [
          {
            groupId: 'sg-0xml',
            groupName: 'xml',
            groupDescription: 'From the Query API',
            vpcId: 'vpc-1',
            ipPermissions: {
              item: [
                {
                  ipProtocol: '6',
                  fromPort: '22',
                  toPort: '22',
                  ipRanges: { item: [{ cidrIp: '198.51.100.5/32' }] },
                  groups: { item: [{ groupId: 'sg-0xml', userId: '1' }] },
                },
              ],
            },
          },
        ],
      },
    };
    const r = importAws([{ name: 'xml.json', text: JSON.stringify(xml) }]);
    if (!r.ok) throw new Error('refused');
    const g = r.scenario.securityGroups[0];
    expect(g?.description).toBe('From the Query API');
    expect(g?.inbound).toEqual([
      expect.objectContaining({
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: '198.51.100.5/32',
      }),
      expect.objectContaining({ protocol: 'tcp', referencedGroupId: 'sg-0xml' }),
    ]);
  });

  it('refuses what it cannot read, saying why: not JSON, a --query list, unknown output', () => {
    const r = importAws([
      { name: 'a.json', text: '{"SecurityGroups": [' },
      { name: 'b.json', text: '[["sg-1", "web"]]' },
      { name: 'c.json', text: '{"Buckets": []}' },
    ]);
    expect(r.ok).toBe(false);
    const notes = r.notes.map((n) => `${n.file}: ${n.message}`);
    expect(notes[0]).toMatch(/^a\.json: not JSON \(the text ends too early/);
    expect(notes[1]).toMatch(/^b\.json: is a list, the shape of a --query projection/);
    expect(notes[2]).toMatch(/^c\.json: holds nothing this importer reads \(its keys: Buckets\)/);
  });

  it('fuzz: damaged AWS output never throws, and what it returns loads and evaluates', () => {
    const doc = JSON.parse(sample('semantics-8.2-web-tier.json').text);
    fc.assert(
      fc.property(mutated(fc.constant(doc)), (value) => {
        const r = importAws([{ name: 'x.json', text: JSON.stringify(value) ?? '' }]);
        if (!r.ok) return;
        expect(parseScenario(r.scenario).ok).toBe(true);
        const [a, b] = r.scenario.instances;
        if (a && b) evaluateFlow(r.scenario, { from: a.id, to: b.id, protocol: 'tcp', port: 443 });
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});
