/** Network ACLs as AWS accepts them: each refusal with AWS's code, at its path. */
import { describe, expect, it } from 'vitest';
import { parseScenario, type NaclEntry, type NetworkAcl, type Scenario } from '.';

const base = (acl: Partial<NetworkAcl> = {}, more: NetworkAcl[] = []): unknown => ({
  format: 'sg-lab.scenario',
  version: 1,
  name: 'acl',
  vpcs: [
    { id: 'vpc-a', cidr: '10.0.0.0/16' },
    { id: 'vpc-b', cidr: '10.1.0.0/16' },
  ],
  subnets: [
    { id: 'subnet-a', vpcId: 'vpc-a', availabilityZone: 'us-east-1a', cidr: '10.0.1.0/24' },
    { id: 'subnet-b', vpcId: 'vpc-b', availabilityZone: 'us-east-1a', cidr: '10.1.1.0/24' },
  ],
  securityGroups: [],
  instances: [],
  networkAcls: [
    {
      id: 'acl-web',
      vpcId: 'vpc-a',
      subnetIds: ['subnet-a'],
      inbound: [
        {
          ruleNumber: 100,
          action: 'allow',
          protocol: 'tcp',
          fromPort: 80,
          toPort: 80,
          cidrIpv4: '0.0.0.0/0',
        },
      ],
      outbound: [{ ruleNumber: 100, action: 'allow', protocol: '-1', cidrIpv4: '0.0.0.0/0' }],
      ...acl,
    },
    ...more,
  ],
});
/** An entry with some fields changed; a field given as undefined is left out. */
const entry = (e: { [K in keyof NaclEntry]?: NaclEntry[K] | undefined }): NaclEntry =>
  Object.fromEntries(
    Object.entries({
      ruleNumber: 110,
      action: 'deny',
      protocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrIpv4: '0.0.0.0/0',
      ...e,
    }).filter(([, v]) => v !== undefined),
  ) as unknown as NaclEntry;
const issuesOf = (doc: unknown) => {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.issues.filter((i) => i.path.startsWith('networkAcls'));
};

const CASES: [string, unknown, string, string, RegExp][] = [
  [
    'rule number 0',
    base({ inbound: [entry({ ruleNumber: 0 })] }),
    'InvalidParameterValue',
    'networkAcls[0].inbound[0].ruleNumber',
    /1 to 32766/,
  ],
  [
    'the final * number',
    base({ inbound: [entry({ ruleNumber: 32767 })] }),
    'InvalidParameterValue',
    'networkAcls[0].inbound[0].ruleNumber',
    /final \* entries/,
  ],
  [
    'a repeated number',
    base({ inbound: [entry({}), entry({ action: 'allow' })] }),
    'NetworkAclEntryAlreadyExists',
    'networkAcls[0].inbound[1].ruleNumber',
    /already has inbound rule 110/,
  ],
  [
    'no CIDR',
    base({ inbound: [entry({ cidrIpv4: undefined })] }),
    'MissingParameter',
    'networkAcls[0].inbound[0]',
    /needs one CIDR/,
  ],
  [
    'two CIDRs',
    base({ inbound: [entry({ cidrIpv6: '::/0' })] }),
    'MissingParameter',
    'networkAcls[0].inbound[0]',
    /not both/,
  ],
  [
    'a bad CIDR',
    base({ inbound: [entry({ cidrIpv4: '10.0.0.300/8' })] }),
    'InvalidParameterValue',
    'networkAcls[0].inbound[0].cidrIpv4',
    /malformed/,
  ],
  [
    'TCP without ports',
    base({ inbound: [entry({ fromPort: undefined, toPort: undefined })] }),
    'MissingParameter',
    'networkAcls[0].inbound[0].fromPort',
    /port range/,
  ],
  [
    'ports the wrong way round',
    base({ inbound: [entry({ fromPort: 2000, toPort: 1024 })] }),
    'InvalidParameterValue',
    'networkAcls[0].inbound[0].fromPort',
    /2000-1024/,
  ],
  [
    'ICMP without a type',
    base({ inbound: [entry({ protocol: 'icmp', fromPort: undefined, toPort: undefined })] }),
    'MissingParameter',
    'networkAcls[0].inbound[0].icmpType',
    /a type/,
  ],
  [
    'an unknown VPC',
    base({ vpcId: 'vpc-x' }),
    'InvalidVpcID.NotFound',
    'networkAcls[0].vpcId',
    /vpc-x/,
  ],
  [
    'a subnet of another VPC',
    base({ subnetIds: ['subnet-b'] }),
    'InvalidParameterValue',
    'networkAcls[0].subnetIds[0]',
    /of its own VPC/,
  ],
  [
    'a subnet in two ACLs',
    base({}, [
      { id: 'acl-two', vpcId: 'vpc-a', subnetIds: ['subnet-a'], inbound: [], outbound: [] },
    ]),
    'InvalidParameterValue',
    'networkAcls[1].subnetIds[0]',
    /exactly one network ACL/,
  ],
  [
    'two defaults in one VPC',
    base({ isDefault: true }, [
      { id: 'acl-two', vpcId: 'vpc-a', isDefault: true, subnetIds: [], inbound: [], outbound: [] },
    ]),
    'InvalidParameterValue',
    'networkAcls[1].isDefault',
    /already has a default/,
  ],
  [
    'more entries than the quota',
    base({ inbound: Array.from({ length: 21 }, (_, i) => entry({ ruleNumber: i + 1 })) }),
    'NetworkAclEntryLimitExceeded',
    'networkAcls[0].inbound',
    /20 by default/,
  ],
];

describe('network ACL validation', () => {
  it('a well-formed ACL has no issues', () => expect(issuesOf(base())).toEqual([]));
  it('a scenario with ACLs carries no note that they are not evaluated (they are)', () => {
    const r = parseScenario(base());
    expect(r.ok && r.issues.map((i) => i.code)).not.toContain('NetworkAclsNotEvaluated');
  });
  for (const [name, doc, code, path, says] of CASES)
    it(`refuses ${name}`, () => {
      const hit = issuesOf(doc).find((i) => i.path === path);
      expect(hit?.code).toBe(code);
      expect(hit?.message).toMatch(says);
    });
  it('an ACL id that repeats another id is named', () => {
    const doc = base({ id: 'vpc-a' }) as Scenario;
    const r = parseScenario(doc);
    expect(
      r.ok && r.issues.some((i) => i.code === 'DuplicateId' && i.path.startsWith('networkAcls')),
    ).toBe(true);
  });
});
