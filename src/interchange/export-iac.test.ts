/**
 * Terraform and CloudFormation exports, read back by real parsers (HCL by @cdktf/hcl2json, YAML by
 * yaml): each re-creates exactly the scenario's groups and rules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  awsEntryFields,
  isDefaultGroup,
  parseScenario,
  ruleKey,
  type NetworkAcl,
  type Rule,
  type Scenario,
} from '../model';
import { arbitraryScenario } from '../test-support/arbitrary-scenario';
import { fuzzRuns } from '../test-support/mutate';
import { exportCloudFormation, exportTerraform, NO_EGRESS } from '.';
import { logicalId } from './export-cloudformation';
import { tfName } from './export-terraform';

const threeTier = (): Scenario => {
  const r = parseScenario(
    readFileSync(path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json'), 'utf8'),
  );
  if (!r.ok) throw new Error('three-tier does not parse');
  return r.scenario;
};
const exportable = arbitraryScenario.filter(
  (s) => !parseScenario(s).issues.some((i) => i.severity === 'error'),
);

type Found = Map<string, { name?: string; inbound: string[]; outbound: string[] }>;

/** Rules as AWS compares them, without descriptions (compared separately below). */
const keysOf = (rules: readonly Rule[], d: 'inbound' | 'outbound') =>
  rules.map((r) => ruleKey(r, d) ?? '?').sort();

function want(s: Scenario, only: (g: Scenario['securityGroups'][number]) => boolean): Found {
  return new Map(
    s.securityGroups.filter(only).map((g) => [
      g.id,
      {
        ...(isDefaultGroup(g) ? {} : { name: g.name }),
        inbound: keysOf(g.inbound, 'inbound'),
        outbound: keysOf(g.outbound, 'outbound'),
      },
    ]),
  );
}

async function fromTerraform(s: Scenario): Promise<Found> {
  const tf = (await parseHcl('main.tf', exportTerraform(s))) as {
    resource: Record<string, Record<string, Record<string, unknown>[]>>;
  };
  const byName = new Map(s.securityGroups.map((g) => [tfName(g.id), g.id]));
  const found: Found = new Map();
  for (const kind of ['aws_security_group', 'aws_default_security_group'])
    for (const [name, [body]] of Object.entries(tf.resource[kind] ?? {}))
      found.set(byName.get(name) ?? name, {
        ...(kind === 'aws_security_group' ? { name: String(body?.name) } : {}),
        inbound: [],
        outbound: [],
      });
  const group = (ref: string) => byName.get(/\.([^.]+)\.id/.exec(ref)?.[1] ?? '') ?? ref;
  for (const [kind, d] of [
    ['aws_vpc_security_group_ingress_rule', 'inbound'],
    ['aws_vpc_security_group_egress_rule', 'outbound'],
  ] as const)
    for (const [, [b]] of Object.entries(tf.resource[kind] ?? {})) {
      if (!b) continue;
      const pl = typeof b.prefix_list_id === 'string' ? b.prefix_list_id : undefined;
      const rule: Rule = {
        protocol: String(b.ip_protocol),
        ...(b.from_port !== undefined ? { fromPort: Number(b.from_port) } : {}),
        ...(b.to_port !== undefined ? { toPort: Number(b.to_port) } : {}),
        ...(b.cidr_ipv4 ? { cidrIpv4: String(b.cidr_ipv4) } : {}),
        ...(b.cidr_ipv6 ? { cidrIpv6: String(b.cidr_ipv6) } : {}),
        ...(pl ? { prefixListId: defaultOf(tf, pl) } : {}),
        ...(b.referenced_security_group_id
          ? { referencedGroupId: group(String(b.referenced_security_group_id)) }
          : {}),
      };
      found.get(group(String(b.security_group_id)))?.[d].push(ruleKey(rule, d) ?? '?');
    }
  for (const g of found.values()) {
    g.inbound.sort();
    g.outbound.sort();
  }
  return found;
}

/** `${var.x}` → the variable's default. */
function defaultOf(tf: unknown, ref: string): string {
  const name = /var\.([A-Za-z0-9_]+)/.exec(ref)?.[1] ?? '';
  const vars = (tf as { variable?: Record<string, { default?: string }[]> }).variable ?? {};
  return vars[name]?.[0]?.default ?? ref;
}

function fromCloudFormation(s: Scenario): Found {
  const t = parseYaml(exportCloudFormation(s)) as {
    Parameters: Record<string, { Default: string }>;
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const byLogical = new Map(s.securityGroups.map((g) => [logicalId('Sg', g.id), g.id]));
  const peer = (v: unknown) =>
    typeof v === 'string'
      ? v
      : (byLogical.get(((v as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'] ?? [])[0] ?? '') ?? '?');
  const ref = (v: unknown) => t.Parameters[(v as { Ref: string }).Ref]?.Default ?? '?';
  const toRule = (p: Record<string, unknown>, d: 'inbound' | 'outbound'): Rule => {
    const side = d === 'inbound' ? 'Source' : 'Destination';
    return {
      protocol: String(p.IpProtocol),
      ...(p.FromPort !== undefined ? { fromPort: Number(p.FromPort) } : {}),
      ...(p.ToPort !== undefined ? { toPort: Number(p.ToPort) } : {}),
      ...(p.CidrIp ? { cidrIpv4: String(p.CidrIp) } : {}),
      ...(p.CidrIpv6 ? { cidrIpv6: String(p.CidrIpv6) } : {}),
      ...(p[`${side}PrefixListId`] ? { prefixListId: ref(p[`${side}PrefixListId`]) } : {}),
      ...(p[`${side}SecurityGroupId`]
        ? { referencedGroupId: peer(p[`${side}SecurityGroupId`]) }
        : {}),
    };
  };
  const found: Found = new Map();
  const noEgress = ruleKey(NO_EGRESS, 'outbound');
  for (const [logical, r] of Object.entries(t.Resources))
    if (r.Type === 'AWS::EC2::SecurityGroup')
      found.set(byLogical.get(logical) ?? logical, {
        name: String(r.Properties.GroupName),
        inbound: [],
        outbound: ((r.Properties.SecurityGroupEgress ?? []) as Record<string, unknown>[])
          .map((p) => ruleKey(toRule(p, 'outbound'), 'outbound') ?? '?')
          .filter((k) => k !== noEgress),
      });
  for (const r of Object.values(t.Resources)) {
    const d = r.Type.endsWith('Ingress')
      ? 'inbound'
      : r.Type.endsWith('Egress')
        ? 'outbound'
        : null;
    if (!d) continue;
    found.get(peer(r.Properties.GroupId))?.[d].push(ruleKey(toRule(r.Properties, d), d) ?? '?');
  }
  for (const g of found.values()) {
    g.inbound.sort();
    g.outbound.sort();
  }
  return found;
}

/** An ACL as compared: VPC, entries by direction ("100 allow 6 80-80 0.0.0.0/0"), subnets. */
const aclKey = (vpc: string, inbound: string[], outbound: string[], subnets: string[]): string =>
  JSON.stringify([vpc, inbound.sort(), outbound.sort(), subnets.sort()]);

const entryText = (
  n: unknown,
  action: unknown,
  protocol: unknown,
  from: unknown,
  to: unknown,
  cidr: unknown,
) => `${n} ${action} ${protocol} ${from}-${to} ${cidr}`;

function aclsWanted(s: Scenario, only: (a: NetworkAcl) => boolean): string[] {
  return (s.networkAcls ?? [])
    .filter(only)
    .map((a) => {
      const side = (d: 'inbound' | 'outbound') =>
        a[d].map((e) => {
          const f = awsEntryFields(e);
          const [from, to] = f.ports ?? f.icmp ?? [0, 0];
          return entryText(e.ruleNumber, e.action, f.protocol, from, to, f.cidr);
        });
      return aclKey(a.vpcId, side('inbound'), side('outbound'), [...a.subnetIds]);
    })
    .sort();
}

async function aclsFromTerraform(s: Scenario): Promise<string[]> {
  const tf = (await parseHcl('main.tf', exportTerraform(s))) as {
    resource: Record<string, Record<string, Record<string, unknown>[]>>;
  };
  const out: string[] = [];
  for (const kind of ['aws_network_acl', 'aws_default_network_acl'])
    for (const [name, [b]] of Object.entries(tf.resource[kind] ?? {})) {
      if (!b) continue;
      const acl = (s.networkAcls ?? []).find((a) => tfName(a.id) === name);
      const side = (block: string) =>
        ((b[block] ?? []) as Record<string, unknown>[]).map((e) =>
          entryText(
            e.rule_no,
            e.action,
            e.protocol,
            e.icmp_type ?? e.from_port,
            e.icmp_code ?? e.to_port,
            e.cidr_block ?? e.ipv6_cidr_block,
          ),
        );
      const subnets = ((b.subnet_ids ?? []) as string[]).map((ref) => defaultOf(tf, ref));
      out.push(aclKey(acl?.vpcId ?? '?', side('ingress'), side('egress'), subnets));
    }
  return out.sort();
}

function aclsFromCloudFormation(s: Scenario): string[] {
  const t = parseYaml(exportCloudFormation(s)) as {
    Parameters: Record<string, { Default: string }>;
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const ref = (v: unknown) => (v as { Ref: string }).Ref;
  const found = new Map<
    string,
    { vpc: string; inbound: string[]; outbound: string[]; subnets: string[] }
  >();
  for (const [logical, r] of Object.entries(t.Resources))
    if (r.Type === 'AWS::EC2::NetworkAcl')
      found.set(logical, {
        vpc: t.Parameters[ref(r.Properties.VpcId)]?.Default ?? '?',
        inbound: [],
        outbound: [],
        subnets: [],
      });
  for (const r of Object.values(t.Resources)) {
    const p = r.Properties;
    const acl = found.get(ref(p.NetworkAclId ?? { Ref: '' }));
    if (!acl) continue;
    if (r.Type === 'AWS::EC2::NetworkAclEntry') {
      const range = (p.PortRange ?? {}) as Record<string, unknown>;
      const icmp = (p.Icmp ?? {}) as Record<string, unknown>;
      acl[p.Egress ? 'outbound' : 'inbound'].push(
        entryText(
          p.RuleNumber,
          p.RuleAction,
          p.Protocol,
          icmp.Type ?? range.From ?? 0,
          icmp.Code ?? range.To ?? 0,
          p.CidrBlock ?? p.Ipv6CidrBlock,
        ),
      );
    }
    if (r.Type === 'AWS::EC2::SubnetNetworkAclAssociation')
      acl.subnets.push(t.Parameters[ref(p.SubnetId)]?.Default ?? '?');
  }
  return [...found.values()].map((a) => aclKey(a.vpc, a.inbound, a.outbound, a.subnets)).sort();
}

describe('export terraform and cloudformation, read back by real parsers', () => {
  it('network ACLs round-trip: terraform every ACL (the default adopted), cloudformation the custom ones', async () => {
    const file = path.resolve(
      import.meta.dirname,
      '../test-support/fixtures/engine-cases/nacl-rules.json',
    );
    const r = parseScenario(readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error('nacl-rules does not parse');
    const s = r.scenario;
    expect(await aclsFromTerraform(s)).toEqual(aclsWanted(s, () => true));
    expect(aclsFromCloudFormation(s)).toEqual(aclsWanted(s, (a) => !a.isDefault));
    expect(exportCloudFormation(s)).toContain(
      "# Not in the template: the VPCs' default network ACLs (acl-default)",
    );
    expect(exportTerraform(s)).toContain('resource "aws_default_network_acl" "default"');
  });

  it('terraform re-creates the three-tier groups and rules exactly', async () => {
    const s = threeTier();
    expect(await fromTerraform(s)).toEqual(want(s, () => true));
    expect(exportTerraform(s)).toContain('resource "aws_vpc_security_group_ingress_rule"');
  });

  it('cloudformation re-creates the three-tier groups and rules (default groups left out, said so)', () => {
    const s = threeTier();
    expect(fromCloudFormation(s)).toEqual(want(s, (g) => !isDefaultGroup(g)));
    expect(exportCloudFormation(s)).toMatch(
      /# Not in the template: the VPCs' default groups \(sg-default\)/,
    );
  });

  it('property: random valid scenarios round-trip through both', async () => {
    await fc.assert(
      fc.asyncProperty(exportable, async (s) => {
        expect(await fromTerraform(s)).toEqual(want(s, () => true));
        expect(fromCloudFormation(s)).toEqual(want(s, (g) => !isDefaultGroup(g)));
        expect(await aclsFromTerraform(s)).toEqual(aclsWanted(s, () => true));
        expect(aclsFromCloudFormation(s)).toEqual(aclsWanted(s, (a) => !a.isDefault));
      }),
      { numRuns: fuzzRuns(40) },
    );
  }, 60_000);
});
