/**
 * `sg-lab export cloudformation`: a YAML template with `AWS::EC2::SecurityGroup` per group and one
 * `AWS::EC2::SecurityGroupIngress` / `Egress` resource per rule, so that groups naming each other
 * deploy without a cycle; a parameter per VPC and prefix list. Long-form intrinsics (`Ref:`,
 * `Fn::GetAtt:`) keep it plain YAML. A group's inline egress list replaces the allow-all rule AWS
 * adds; a group with no outbound rule gets AWS's documented stand-in (`127.0.0.1/32`, no protocol
 * that reaches anything) since CloudFormation cannot leave the list empty. Custom network ACLs
 * as `AWS::EC2::NetworkAcl` with one `NetworkAclEntry` per entry and a
 * `SubnetNetworkAclAssociation` per subnet (a parameter per subnet); the VPC's default ACL is not
 * CloudFormation's to manage, and the template says so.
 */
import { awsEntryFields, isDefaultGroup, type Rule, type Scenario } from '../model';

/** `sg-web` → `SgWeb`: a logical id (letters and digits). */
export function logicalId(prefix: string, id: string): string {
  const words = id
    .replace(/^(vpc|sg|pl|acl|subnet)-/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return `${prefix}${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}` || prefix;
}

/** A YAML scalar that is read back as this exact string. */
const y = (text: string) => JSON.stringify(text);

/** The stand-in egress of a group that allows nothing out (AWS's own advice for templates). */
export const NO_EGRESS = { protocol: '-1', cidrIpv4: '127.0.0.1/32' } as const;

function ruleProps(
  r: Rule,
  direction: 'inbound' | 'outbound',
  sgOf: (id: string) => string | null,
  indent: string,
): string[] {
  const lines = [`${indent}IpProtocol: ${y(r.protocol)}`];
  if (r.protocol !== '-1' && r.fromPort !== undefined)
    lines.push(`${indent}FromPort: ${r.fromPort}`);
  if (r.protocol !== '-1' && r.toPort !== undefined) lines.push(`${indent}ToPort: ${r.toPort}`);
  if (r.cidrIpv4) lines.push(`${indent}CidrIp: ${y(r.cidrIpv4)}`);
  if (r.cidrIpv6) lines.push(`${indent}CidrIpv6: ${y(r.cidrIpv6)}`);
  const side = direction === 'inbound' ? 'Source' : 'Destination';
  if (r.prefixListId)
    lines.push(
      `${indent}${side}PrefixListId:`,
      `${indent}  Ref: ${logicalId('Pl', r.prefixListId)}`,
    );
  if (r.referencedGroupId) {
    const peer = sgOf(r.referencedGroupId);
    const key = `${indent}${side}SecurityGroupId:`;
    lines.push(
      ...(peer
        ? [key, `${indent}  Fn::GetAtt: [${peer}, GroupId]`]
        : [`${key} ${y(r.referencedGroupId)}`]),
    );
  }
  if (r.description) lines.push(`${indent}Description: ${y(r.description)}`);
  return lines;
}

export function exportCloudFormation(s: Scenario): string {
  const managed = s.securityGroups.filter((g) => !isDefaultGroup(g));
  const sgOf = (id: string) => (managed.some((g) => g.id === id) ? logicalId('Sg', id) : null);
  const out = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    `Description: ${y(`${s.name}: security groups exported by SG Lab`)}`,
    'Parameters:',
  ];
  for (const v of s.vpcs)
    out.push(
      `  ${logicalId('Vpc', v.id)}:`,
      '    Type: AWS::EC2::VPC::Id',
      `    Default: ${y(v.id)}`,
    );
  const lists = new Set(
    s.securityGroups
      .flatMap((g) => [...g.inbound, ...g.outbound])
      .flatMap((r) => r.prefixListId ?? []),
  );
  for (const pl of lists)
    out.push(`  ${logicalId('Pl', pl)}:`, '    Type: String', `    Default: ${y(pl)}`);
  const subnets = new Set(
    (s.networkAcls ?? []).filter((a) => !a.isDefault).flatMap((a) => a.subnetIds),
  );
  for (const sn of subnets)
    out.push(
      `  ${logicalId('Subnet', sn)}:`,
      '    Type: AWS::EC2::Subnet::Id',
      `    Default: ${y(sn)}`,
    );
  out.push('Resources:');
  for (const g of managed) {
    const id = logicalId('Sg', g.id);
    const inline = g.outbound.filter((r) => !r.referencedGroupId);
    const egress = inline;
    out.push(
      `  ${id}:`,
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      `      GroupName: ${y(g.name)}`,
      `      GroupDescription: ${y(g.description)}`,
      '      VpcId:',
      `        Ref: ${logicalId('Vpc', g.vpcId)}`,
      '      SecurityGroupEgress:',
    );
    for (const r of egress.length > 0 ? egress : [NO_EGRESS]) {
      const [first, ...rest] = ruleProps(r, 'outbound', sgOf, '          ');
      out.push(`        - ${first?.trimStart()}`, ...rest);
    }
    const separate: [string, Rule, 'inbound' | 'outbound'][] = [
      ...g.inbound.map(
        (r, i) => [`${id}Ingress${i + 1}`, r, 'inbound'] as [string, Rule, 'inbound'],
      ),
      ...g.outbound
        .filter((r) => r.referencedGroupId)
        .map((r, i) => [`${id}Egress${i + 1}`, r, 'outbound'] as [string, Rule, 'outbound']),
    ];
    for (const [name, r, direction] of separate)
      out.push(
        `  ${name}:`,
        `    Type: AWS::EC2::SecurityGroup${direction === 'inbound' ? 'Ingress' : 'Egress'}`,
        '    Properties:',
        '      GroupId:',
        `        Fn::GetAtt: [${id}, GroupId]`,
        ...ruleProps(r, direction, sgOf, '      '),
      );
  }
  const acls = s.networkAcls ?? [];
  for (const a of acls.filter((x) => !x.isDefault)) {
    const id = logicalId('Acl', a.id);
    out.push(
      `  ${id}:`,
      '    Type: AWS::EC2::NetworkAcl',
      '    Properties:',
      '      VpcId:',
      `        Ref: ${logicalId('Vpc', a.vpcId)}`,
      ...(a.name ? ['      Tags:', '        - Key: Name', `          Value: ${y(a.name)}`] : []),
    );
    for (const direction of ['inbound', 'outbound'] as const)
      for (const e of a[direction]) {
        const f = awsEntryFields(e);
        out.push(
          `  ${id}${direction === 'inbound' ? 'In' : 'Out'}${e.ruleNumber}:`,
          '    Type: AWS::EC2::NetworkAclEntry',
          '    Properties:',
          '      NetworkAclId:',
          `        Ref: ${id}`,
          `      RuleNumber: ${e.ruleNumber}`,
          `      Protocol: ${f.protocol}`,
          `      RuleAction: ${e.action}`,
          `      Egress: ${direction === 'outbound'}`,
          `      ${f.ipv6 ? 'Ipv6CidrBlock' : 'CidrBlock'}: ${y(f.cidr)}`,
          ...(f.ports
            ? ['      PortRange:', `        From: ${f.ports[0]}`, `        To: ${f.ports[1]}`]
            : []),
          ...(f.icmp
            ? ['      Icmp:', `        Type: ${f.icmp[0]}`, `        Code: ${f.icmp[1]}`]
            : []),
        );
      }
    for (const sn of a.subnetIds)
      out.push(
        `  ${id}${logicalId('Subnet', sn)}:`,
        '    Type: AWS::EC2::SubnetNetworkAclAssociation',
        '    Properties:',
        '      NetworkAclId:',
        `        Ref: ${id}`,
        '      SubnetId:',
        `        Ref: ${logicalId('Subnet', sn)}`,
      );
  }
  const defaults = acls.filter((a) => a.isDefault);
  if (defaults.length > 0)
    out.push(
      `# Not in the template: the VPCs' default network ACLs (${defaults.map((a) => a.id).join(', ')}); CloudFormation does not manage them: edit their entries in the console or with sg-lab export aws-cli.`,
    );
  const skipped = s.securityGroups.filter(isDefaultGroup);
  if (skipped.length > 0)
    out.push(
      `# Not in the template: the VPCs' default groups (${skipped.map((g) => g.id).join(', ')}); CloudFormation does not manage them.`,
    );
  return `${out.join('\n')}\n`;
}
