/** Limits on a stranger's document: past each one a clear, located error, never a frozen tab. */
import { describe, expect, it } from 'vitest';
import { LIMITS, parseScenario } from '.';

const base = () => ({
  format: 'sg-lab.scenario',
  version: 1,
  name: 'limits',
  vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }],
  subnets: [
    { id: 'subnet-a', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', cidr: '10.0.1.0/24' },
  ],
  securityGroups: [
    { id: 'sg-a', name: 'a', description: 'a', vpcId: 'vpc-a', inbound: [], outbound: [] },
  ],
  instances: [] as unknown[],
});
const rule = { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' };
const many = <T>(n: number, item: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => item(i));

const CASES: { name: string; doc: () => unknown; path: string; says: RegExp }[] = [
  {
    name: 'a name longer than the short-text limit',
    doc: () => ({ ...base(), name: 'x'.repeat(LIMITS.shortText + 1) }),
    path: 'name',
    says: /1,001 characters long; SG Lab reads at most 1,000/,
  },
  {
    name: 'a note longer than the long-text limit',
    doc: () => ({
      ...base(),
      expectations: [
        { from: 'a', to: 'b', protocol: 'tcp', port: 1, expect: 'allow', note: 'n'.repeat(10_001) },
      ],
    }),
    path: 'expectations[0].note',
    says: /at most 10,000/,
  },
  {
    name: 'more rules in one direction than a group may hold',
    doc: () => {
      const d = base();
      return {
        ...d,
        securityGroups: [
          { ...d.securityGroups[0], inbound: many(LIMITS.rulesPerDirection + 1, () => rule) },
        ],
      };
    },
    path: 'securityGroups[0].inbound',
    says: /has 1,001 items; SG Lab opens at most 1,000/,
  },
  {
    name: 'more instances than a VPC could hold',
    doc: () => ({ ...base(), instances: many(LIMITS.instances + 1, () => 0) }),
    path: 'instances',
    says: /has 100,001 items/,
  },
  {
    name: 'more groups on an instance than AWS allows at most',
    doc: () => ({
      ...base(),
      instances: [
        {
          id: 'i-a',
          subnetId: 'subnet-a',
          privateIp: '10.0.1.5',
          securityGroupIds: many(LIMITS.groupsPerInstance + 1, () => 'sg-a'),
        },
      ],
    }),
    path: 'instances[0].securityGroupIds',
    says: /has 17 items/,
  },
  {
    name: 'more rules in all than SG Lab evaluates',
    doc: () => {
      const d = base();
      const group = (i: number) => ({
        ...d.securityGroups[0],
        id: `sg-${i}`,
        inbound: many(LIMITS.rulesPerDirection, () => rule),
        outbound: [],
      });
      return { ...d, securityGroups: many(LIMITS.rules / LIMITS.rulesPerDirection + 1, group) };
    },
    path: 'securityGroups',
    says: /501,000 rules in all; SG Lab opens at most 500,000/,
  },
];

describe('document limits', () => {
  for (const c of CASES) {
    it(`refuses ${c.name}, by path, quickly`, () => {
      const doc = c.doc();
      const started = performance.now();
      const r = parseScenario(doc);
      const took = performance.now() - started;
      expect(r.ok).toBe(false);
      const issue = r.issues.find((i) => i.path === c.path);
      expect(issue?.message).toMatch(c.says);
      expect(took).toBeLessThan(1500);
    });
  }

  it('opens a document right at the limits it touches', () => {
    const d = base();
    const r = parseScenario({
      ...d,
      name: 'x'.repeat(LIMITS.shortText),
      securityGroups: [
        {
          ...d.securityGroups[0],
          inbound: many(LIMITS.rulesPerDirection, (i) => ({ ...rule, fromPort: i, toPort: i })),
        },
      ],
    });
    expect(r.ok).toBe(true);
  });
});
