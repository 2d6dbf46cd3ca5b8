import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awsEntryFields, isDefaultGroup, parseScenario, type Scenario } from '../model';
import { arbitraryScenario } from '../test-support/arbitrary-scenario';
import { aclEntryKey, ec2StandIn, entryKeys, type StandIn } from '../test-support/ec2-stand-in';
import { fuzzRuns } from '../test-support/mutate';
import { exportAwsCli } from '.';

const threeTier = (): Scenario => {
  const r = parseScenario(
    readFileSync(path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json'), 'utf8'),
  );
  if (!r.ok) throw new Error('three-tier does not parse');
  return r.scenario;
};

const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' });

/** The scenario's rules of one group, as the stand-in keys them (group peers by scenario id). */
function expected(s: Scenario, groupId: string, direction: 'inbound' | 'outbound'): string[] {
  const g = s.securityGroups.find((x) => x.id === groupId);
  return entryKeys(
    Object.fromEntries(
      (g?.[direction] ?? []).map((r, i) => [
        i + 1,
        {
          IpProtocol: r.protocol,
          ...(r.fromPort !== undefined && r.protocol !== '-1' ? { FromPort: r.fromPort } : {}),
          ...(r.toPort !== undefined && r.protocol !== '-1' ? { ToPort: r.toPort } : {}),
          ...(r.cidrIpv4 ? { IpRanges: { 1: { CidrIp: r.cidrIpv4 } } } : {}),
          ...(r.cidrIpv6 ? { Ipv6Ranges: { 1: { CidrIpv6: r.cidrIpv6 } } } : {}),
          ...(r.prefixListId ? { PrefixListIds: { 1: { PrefixListId: r.prefixListId } } } : {}),
          ...(r.referencedGroupId ? { Groups: { 1: { GroupId: r.referencedGroupId } } } : {}),
        },
      ]),
    ),
  ).sort();
}

/** Runs the exported script with the real AWS CLI against the stand-in; what the account holds. */
async function runAgainstStandIn(s: Scenario) {
  const standIn = await ec2StandIn(s.vpcs, s.subnets);
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-lab-aws-'));
  const script = path.join(dir, 'groups.sh');
  writeFileSync(script, exportAwsCli(s));
  // asynchronously: the stand-in answers from this same process
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
    (done) => {
      const child = spawn('bash', [script], {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CLI_ARGS: `--endpoint-url ${standIn.url}`,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('close', (status) => done({ status, stdout, stderr }));
    },
  );
  await standIn.close();
  return { run, standIn };
}

/** Each ACL as entries by direction and its subnets: the scenario's, and what the account holds. */
function aclsWanted(s: Scenario): string[] {
  const named = new Set((s.networkAcls ?? []).flatMap((a) => (a.isDefault ? [] : a.subnetIds)));
  return (s.networkAcls ?? [])
    .map((a) => {
      const side = (d: 'inbound' | 'outbound') =>
        a[d]
          .map((e) => {
            const f = awsEntryFields(e);
            return `${e.ruleNumber}=${aclEntryKey(e.action, f.protocol, f.ports ?? null, f.icmp ?? null, f.cidr)}`;
          })
          .sort();
      const subnets = a.isDefault
        ? s.subnets.filter((sn) => sn.vpcId === a.vpcId && !named.has(sn.id)).map((sn) => sn.id)
        : [...a.subnetIds];
      return JSON.stringify([
        a.vpcId,
        a.isDefault === true,
        side('inbound'),
        side('outbound'),
        subnets.sort(),
      ]);
    })
    .sort();
}

function aclsMade(standIn: StandIn, s: Scenario): string[] {
  const written = new Set((s.networkAcls ?? []).filter((a) => a.isDefault).map((a) => a.vpcId));
  return [...standIn.acls.values()]
    .filter((a) => !a.isDefault || written.has(a.vpcId))
    .map((a) => {
      const side = (m: Map<number, string>) => [...m].map(([n, k]) => `${n}=${k}`).sort();
      return JSON.stringify([
        a.vpcId,
        a.isDefault,
        side(a.inbound),
        side(a.outbound),
        [...a.associations.values()].sort(),
      ]);
    })
    .sort();
}

/** Scenarios AWS would take as they are: no error anywhere. */
const exportable = arbitraryScenario.filter(
  (s) => !parseScenario(s).issues.some((i) => i.severity === 'error'),
);

describe('export aws-cli, run by the real AWS CLI', () => {
  it('the AWS CLI is installed (Debian awscli; .ci/run installs it)', () => {
    expect(aws.status, 'aws --version failed: apt-get install awscli').toBe(0);
  });

  it('builds exactly the three-tier scenario’s groups and rules, refusing nothing', async () => {
    const s = threeTier();
    const { run, standIn } = await runAgainstStandIn(s);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Created 4 security groups.');
    const byName = new Map([...standIn.groups.values()].map((g) => [`${g.vpcId}/${g.name}`, g]));
    const idOf = new Map<string, string>();
    for (const g of s.securityGroups) {
      const there = byName.get(`${g.vpcId}/${g.name}`);
      if (there) idOf.set(there.id, g.id);
    }
    for (const g of s.securityGroups) {
      const there = byName.get(`${g.vpcId}/${g.name}`);
      expect(there, g.name).toBeDefined();
      if (!isDefaultGroup(g)) expect(there?.description).toBe(g.description);
      for (const dir of ['inbound', 'outbound'] as const) {
        const got = [...(dir === 'inbound' ? there!.inbound : there!.outbound)]
          .map((k) => k.replace(/sg-[0-9a-z-]+$/, (id) => idOf.get(id) ?? id))
          .sort();
        expect(got, `${g.name} ${dir}`).toEqual(expected(s, g.id, dir));
      }
    }
  }, 60_000);

  it('builds network ACLs exactly: a custom one with its entries and subnet, the default adopted', async () => {
    const file = path.resolve(
      import.meta.dirname,
      '../test-support/fixtures/engine-cases/nacl-tracked.json',
    );
    const r = parseScenario(readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error('nacl-tracked does not parse');
    // the VPC's default ACL written out and changed: AWS's entry 100 replaced inbound, removed outbound
    const s: Scenario = {
      ...r.scenario,
      networkAcls: [
        ...(r.scenario.networkAcls ?? []),
        {
          id: 'acl-default',
          vpcId: 'vpc-main',
          isDefault: true,
          subnetIds: [],
          inbound: [
            {
              ruleNumber: 100,
              action: 'allow',
              protocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              cidrIpv4: '10.0.0.0/16',
            },
            {
              ruleNumber: 110,
              action: 'allow',
              protocol: 'icmp',
              icmpType: 8,
              icmpCode: -1,
              cidrIpv4: '10.0.0.0/16',
            },
          ],
          outbound: [],
        },
      ],
    };
    const { run, standIn } = await runAgainstStandIn(s);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('and 1 network ACLs.');
    expect(aclsMade(standIn, s)).toEqual(aclsWanted(s));
  }, 120_000);

  it('property: random scenarios are re-created exactly (few runs: each spawns the CLI)', async () => {
    await fc.assert(
      fc.asyncProperty(exportable, async (s) => {
        const { run, standIn } = await runAgainstStandIn(s);
        expect(run.stderr).toBe('');
        const made = [...standIn.groups.values()];
        expect(made.filter((g) => g.name !== 'default')).toHaveLength(
          s.securityGroups.filter((g) => !isDefaultGroup(g)).length,
        );
        const total = (list: typeof made) =>
          list.reduce((n, g) => n + g.inbound.size + g.outbound.size, 0);
        const defaultsUntouched = s.vpcs.filter(
          (v) => !s.securityGroups.some((g) => isDefaultGroup(g) && g.vpcId === v.id),
        );
        const untouched = made.filter((g) =>
          defaultsUntouched.some((v) => g.id === `sg-default-${v.id}`),
        );
        const want = s.securityGroups.reduce(
          (n, g) =>
            n +
            new Set(expected(s, g.id, 'inbound')).size +
            new Set(expected(s, g.id, 'outbound')).size,
          0,
        );
        expect(total(made) - total(untouched)).toBe(want);
        expect(aclsMade(standIn, s)).toEqual(aclsWanted(s));
      }),
      { numRuns: fuzzRuns(3) },
    );
  }, 240_000);
});
