/**
 * `sg-lab export terraform`: `aws_security_group` resources and one
 * `aws_vpc_security_group_ingress_rule` / `_egress_rule` per rule (the AWS provider's
 * recommended form), with a variable per VPC and prefix list. Terraform removes the allow-all
 * egress AWS adds to a new group, so every outbound rule is written out; the VPC's default
 * group is adopted with `aws_default_security_group`. Network ACLs as `aws_network_acl` with
 * inline `ingress` / `egress` blocks and their subnets (a variable per subnet); the VPC's default
 * ACL adopted with `aws_default_network_acl` (by a variable holding its id).
 */
import {
  awsEntryFields,
  isDefaultGroup,
  type NetworkAcl,
  type Rule,
  type Scenario,
  type SecurityGroup,
} from '../model';

/** `sg-web` → `web`: a Terraform name (letters, digits, underscores; not starting with a digit). */
export function tfName(id: string): string {
  const n = id
    .replace(/^(vpc|sg|pl|acl|subnet)-/, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(n) ? n : `_${n}`;
}

/** An HCL string: JSON's escapes, and `${` / `%{` kept literal. */
const hcl = (text: string) => JSON.stringify(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

function groupRef(g: SecurityGroup): string {
  return `${isDefaultGroup(g) ? 'aws_default_security_group' : 'aws_security_group'}.${tfName(g.id)}.id`;
}

function ruleBody(r: Rule, groups: ReadonlyMap<string, SecurityGroup>): string[] {
  const lines = [`  ip_protocol = ${hcl(r.protocol)}`];
  if (r.protocol !== '-1' && r.fromPort !== undefined) lines.push(`  from_port   = ${r.fromPort}`);
  if (r.protocol !== '-1' && r.toPort !== undefined) lines.push(`  to_port     = ${r.toPort}`);
  if (r.cidrIpv4) lines.push(`  cidr_ipv4   = ${hcl(r.cidrIpv4)}`);
  if (r.cidrIpv6) lines.push(`  cidr_ipv6   = ${hcl(r.cidrIpv6)}`);
  if (r.prefixListId) lines.push(`  prefix_list_id = var.${tfName(r.prefixListId)}`);
  if (r.referencedGroupId) {
    const peer = groups.get(r.referencedGroupId);
    lines.push(
      `  referenced_security_group_id = ${peer ? groupRef(peer) : hcl(r.referencedGroupId)}`,
    );
  }
  if (r.description) lines.push(`  description = ${hcl(r.description)}`);
  return lines;
}

export function exportTerraform(s: Scenario): string {
  const groups = new Map(s.securityGroups.map((g) => [g.id, g]));
  const out: string[] = [
    `# ${s.name.replace(/\n/g, ' ')}: security groups exported by SG Lab.`,
    '',
  ];
  for (const v of s.vpcs)
    out.push(
      `variable ${hcl(`vpc_${tfName(v.id)}`)} {`,
      '  type    = string',
      `  default = ${hcl(v.id)}`,
      '}',
      '',
    );
  const lists = new Set(
    s.securityGroups
      .flatMap((g) => [...g.inbound, ...g.outbound])
      .flatMap((r) => r.prefixListId ?? []),
  );
  const subnets = new Set((s.networkAcls ?? []).flatMap((a) => a.subnetIds));
  for (const sn of subnets)
    out.push(
      `variable ${hcl(`subnet_${tfName(sn)}`)} {`,
      '  type    = string',
      `  default = ${hcl(sn)}`,
      '}',
      '',
    );
  for (const pl of lists)
    out.push(
      `variable ${hcl(tfName(pl))} {`,
      '  type    = string',
      `  default = ${hcl(pl)}`,
      '}',
      '',
    );
  for (const g of s.securityGroups) {
    const vpc = `var.vpc_${tfName(g.vpcId)}`;
    if (isDefaultGroup(g))
      out.push(
        `resource "aws_default_security_group" ${hcl(tfName(g.id))} {`,
        `  vpc_id = ${vpc}`,
        '}',
        '',
      );
    else
      out.push(
        `resource "aws_security_group" ${hcl(tfName(g.id))} {`,
        `  name        = ${hcl(g.name)}`,
        `  description = ${hcl(g.description)}`,
        `  vpc_id      = ${vpc}`,
        '}',
        '',
      );
    for (const [direction, kind] of [
      ['inbound', 'ingress'],
      ['outbound', 'egress'],
    ] as const)
      g[direction].forEach((r, i) =>
        out.push(
          `resource "aws_vpc_security_group_${kind}_rule" ${hcl(`${tfName(g.id)}_${kind}_${i + 1}`)} {`,
          `  security_group_id = ${groupRef(g)}`,
          ...ruleBody(r, groups),
          '}',
          '',
        ),
      );
  }
  for (const a of s.networkAcls ?? []) out.push(...aclResource(a));
  return out.join('\n');
}

function aclResource(a: NetworkAcl): string[] {
  const out: string[] = [];
  if (a.isDefault)
    out.push(
      `variable ${hcl(`${tfName(a.id)}_id`)} {`,
      '  description = "The id of the VPC\'s default network ACL (aws ec2 describe-network-acls --filters Name=default,Values=true)"',
      '  type        = string',
      `  default     = ${hcl(a.id)}`,
      '}',
      '',
      `resource "aws_default_network_acl" ${hcl(tfName(a.id))} {`,
      `  default_network_acl_id = var.${tfName(a.id)}_id`,
    );
  else
    out.push(
      `resource "aws_network_acl" ${hcl(tfName(a.id))} {`,
      `  vpc_id = var.vpc_${tfName(a.vpcId)}`,
    );
  if (a.subnetIds.length > 0)
    out.push(`  subnet_ids = [${a.subnetIds.map((sn) => `var.subnet_${tfName(sn)}`).join(', ')}]`);
  if (a.name) out.push('  tags = {', `    Name = ${hcl(a.name)}`, '  }');
  for (const [direction, block] of [
    ['inbound', 'ingress'],
    ['outbound', 'egress'],
  ] as const)
    for (const e of a[direction]) {
      const f = awsEntryFields(e);
      out.push(
        `  ${block} {`,
        `    rule_no    = ${e.ruleNumber}`,
        `    action     = ${hcl(e.action)}`,
        `    protocol   = ${hcl(f.protocol)}`,
        `    ${f.ipv6 ? 'ipv6_cidr_block' : 'cidr_block'} = ${hcl(f.cidr)}`,
        `    from_port  = ${f.ports?.[0] ?? 0}`,
        `    to_port    = ${f.ports?.[1] ?? 0}`,
        ...(f.icmp ? [`    icmp_type  = ${f.icmp[0]}`, `    icmp_code  = ${f.icmp[1]}`] : []),
        '  }',
      );
    }
  out.push('}', '');
  return out;
}
