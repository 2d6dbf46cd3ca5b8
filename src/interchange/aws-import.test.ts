import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../engine';
import { awsEntryFields, parseScenario, type Scenario } from '../model';
import { FIXTURES } from '../test-support/fixtures';
import { fuzzRuns, mutated } from '../test-support/mutate';
import { importAws } from '.';

const folder = path.join(FIXTURES, 'aws-cli-examples');
const sample = (name: string) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') });
const all = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map(sample);

/** The scenario's ACLs as `aws ec2 describe-network-acls` prints them (numbers, * entries, associations). */
function describeNetworkAcls(s: Scenario): string {
  const named = new Set((s.networkAcls ?? []).flatMap((a) => (a.isDefault ? [] : a.subnetIds)));
  return JSON.stringify({
    NetworkAcls: (s.networkAcls ?? []).map((a) => ({
      Associations: (a.isDefault
        ? s.subnets.filter((sn) => sn.vpcId === a.vpcId && !named.has(sn.id)).map((sn) => sn.id)
        : a.subnetIds
      ).map((sn, i) => ({
        NetworkAclAssociationId: `aclassoc-${a.id}-${i}`,
        NetworkAclId: a.id,
        SubnetId: sn,
      })),
      Entries: [
        ...(['inbound', 'outbound'] as const).flatMap((d) =>
          a[d].map((e) => {
            const f = awsEntryFields(e);
            return {
              ...(f.ipv6 ? { Ipv6CidrBlock: f.cidr } : { CidrBlock: f.cidr }),
              Egress: d === 'outbound',
              Protocol: f.protocol,
              RuleAction: e.action,
              RuleNumber: e.ruleNumber,
              ...(f.ports ? { PortRange: { From: f.ports[0], To: f.ports[1] } } : {}),
              ...(f.icmp ? { IcmpTypeCode: { Type: f.icmp[0], Code: f.icmp[1] } } : {}),
            };
          }),
        ),
        ...[true, false].map((Egress) => ({
          CidrBlock: '0.0.0.0/0',
          Egress,
          Protocol: '-1',
          RuleAction: 'deny',
          RuleNumber: 32767,
        })),
      ],
      IsDefault: a.isDefault === true,
      NetworkAclId: a.id,
      Tags: a.name ? [{ Key: 'Name', Value: a.name }] : [],
      VpcId: a.vpcId,
      OwnerId: '111122223333',
    })),
  });
}

describe('import aws', () => {
  it('describe-network-acls: the reference example, and a round trip that keeps every verdict', () => {
    const ref = importAws([sample('describe-network-acls.output1.json')]);
    if (!ref.ok) throw new Error('refused');
    expect(ref.scenario.networkAcls?.map((a) => [a.id, a.isDefault, a.inbound.length])).toEqual([
      ['acl-0ea1f54ca7EXAMPLE', true, 1],
      ['acl-0e2a78e4e2EXAMPLE', true, 2],
    ]);
    expect(ref.notes.map((n) => n.message).join('\n')).toMatch(
      /acl-0ea1f54ca7EXAMPLE is associated with subnet-0931fc2fa5EXAMPLE, which is not in the files/,
    );
    const fixture = path.join(FIXTURES, 'engine-cases', 'nacl-rules.json');
    const parsed = parseScenario(readFileSync(fixture, 'utf8'));
    if (!parsed.ok) throw new Error('nacl-rules does not parse');
    const s = parsed.scenario;
    const r = importAws([
      {
        name: 'vpcs.json',
        text: JSON.stringify({
          Vpcs: s.vpcs.map((v) => ({
            VpcId: v.id,
            CidrBlock: v.cidr,
            ...(v.ipv6Cidr ? { Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: v.ipv6Cidr }] } : {}),
          })),
        }),
      },
      {
        name: 'subnets.json',
        text: JSON.stringify({
          Subnets: s.subnets.map((sn) => ({
            SubnetId: sn.id,
            VpcId: sn.vpcId,
            CidrBlock: sn.cidr,
            AvailabilityZone: sn.availabilityZone,
            MapPublicIpOnLaunch: sn.public === true,
          })),
        }),
      },
      { name: 'acls.json', text: describeNetworkAcls(s) },
    ]);
    if (!r.ok) throw new Error(r.notes.map((n) => n.message).join('; '));
    const norm = (list: Scenario['networkAcls']) =>
      (list ?? [])
        .map((a) =>
          JSON.stringify([
            a.id,
            a.name,
            a.isDefault === true,
            [...a.inbound].sort((x, y) => x.ruleNumber - y.ruleNumber),
            [...a.outbound].sort((x, y) => x.ruleNumber - y.ruleNumber),
          ]),
        )
        .sort();
    expect(norm(r.scenario.networkAcls)).toEqual(norm(s.networkAcls));
    // the imported ACLs decide every flow as the originals do
    const back = { ...s, networkAcls: r.scenario.networkAcls ?? [] };
    for (const e of s.expectations ?? [])
      expect(
        evaluateFlow(back, e).allowed,
        `${e.from} → ${e.to} ${e.protocol} ${e.port ?? ''}`,
      ).toBe(evaluateFlow(s, e).allowed);
  });

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
