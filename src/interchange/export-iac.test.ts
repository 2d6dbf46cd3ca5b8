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
import { isDefaultGroup, parseScenario, ruleKey, type Rule, type Scenario } from '../model';
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

describe('export terraform and cloudformation, read back by real parsers', () => {
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
      }),
      { numRuns: fuzzRuns(40) },
    );
  }, 60_000);
});
