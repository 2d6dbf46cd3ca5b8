/**
 * `sg-lab export aws-cli`: one bash script that builds the scenario's security groups in an AWS
 * account as it is. Variables for the VPC ids at the top; every group created first (ids captured
 * with --query GroupId --output text), so rules may name each other; then the rules, one call per
 * group and direction; the allow-all egress AWS gives a new group revoked where the scenario's
 * group does not have it, and never authorized twice (AWS refuses duplicates). Then the network
 * ACLs: custom ones created, the VPC's default one adopted (AWS's entries 100/101 replaced or
 * deleted as the scenario has them), entries one call each, subnets moved to their ACL.
 */
import {
  awsDefaultAcl,
  awsEntryFields,
  defaultEgress,
  isDefaultGroup,
  ruleKey,
  type NaclEntry,
  type NetworkAcl,
  type Rule,
  type Scenario,
  type SecurityGroup,
} from '../model';

/** `vpc-shop` → `VPC_SHOP`: a shell variable name. */
export function shellName(prefix: string, id: string): string {
  const body = id
    .replace(/^(vpc|sg|pl|acl|subnet)-/, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${prefix}_${body || 'X'}`;
}

/** Single-quoted for bash: nothing inside is expanded. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** One rule as an EC2 IpPermission (JSON), the group it names spliced in as a shell variable. */
export function permission(rule: Rule, groupVar: (id: string) => string): string {
  const p: Record<string, unknown> = { IpProtocol: rule.protocol };
  if (rule.fromPort !== undefined) p.FromPort = rule.fromPort;
  if (rule.toPort !== undefined) p.ToPort = rule.toPort;
  const d = rule.description ? { Description: rule.description } : {};
  if (rule.cidrIpv4) p.IpRanges = [{ CidrIp: rule.cidrIpv4, ...d }];
  if (rule.cidrIpv6) p.Ipv6Ranges = [{ CidrIpv6: rule.cidrIpv6, ...d }];
  if (rule.prefixListId) p.PrefixListIds = [{ PrefixListId: `@@${rule.prefixListId}@@`, ...d }];
  if (rule.referencedGroupId)
    p.UserIdGroupPairs = [{ GroupId: `@@${rule.referencedGroupId}@@`, ...d }];
  // ids become shell variables: close the quote, expand, reopen
  return JSON.stringify(p).replace(
    /@@([a-zA-Z0-9_.-]+)@@/g,
    (_, id: string) => `'"$${groupVar(id)}"'`,
  );
}

export function exportAwsCli(s: Scenario): string {
  const vpcs = new Map(s.vpcs.map((v) => [v.id, v]));
  const groupVar = (id: string) =>
    id.startsWith('pl-') ? shellName('PL', id) : shellName('SG', id);
  const lines: string[] = [
    '#!/usr/bin/env bash',
    `# ${s.name.replace(/\n/g, ' ')}: the security groups of an SG Lab scenario, built with the AWS CLI.`,
    '# Set the VPC ids (and prefix list ids) of your account below, or in the environment.',
    '# AWS_CLI_ARGS passes options to every call (--region, --profile, --endpoint-url).',
    'set -euo pipefail',
    '',
  ];
  for (const v of s.vpcs)
    lines.push(`${shellName('VPC', v.id)}=\${${shellName('VPC', v.id)}:-${v.id}}`);
  const lists = new Set(
    s.securityGroups
      .flatMap((g) => [...g.inbound, ...g.outbound])
      .flatMap((r) => r.prefixListId ?? []),
  );
  for (const pl of lists) lines.push(`${shellName('PL', pl)}=\${${shellName('PL', pl)}:-${pl}}`);
  lines.push('', '# 1. Every group first, so that rules can name each other.');
  for (const g of s.securityGroups) {
    const vpc = `"$${shellName('VPC', g.vpcId)}"`;
    const v = groupVar(g.id);
    if (isDefaultGroup(g))
      lines.push(
        `${v}=$(aws \${AWS_CLI_ARGS:-} ec2 describe-security-groups --filters Name=vpc-id,Values=${vpc} Name=group-name,Values=default --query 'SecurityGroups[0].GroupId' --output text)`,
      );
    else
      lines.push(
        `${v}=$(aws \${AWS_CLI_ARGS:-} ec2 create-security-group --group-name ${quote(g.name)} --description ${quote(g.description)} --vpc-id ${vpc} --query GroupId --output text)`,
      );
  }
  lines.push('', '# 2. The rules, and the defaults AWS created that the scenario does not have.');
  for (const g of s.securityGroups) lines.push(...rulesOf(g, vpcs.get(g.vpcId), groupVar));
  const acls = s.networkAcls ?? [];
  if (acls.length > 0) lines.push('', ...aclLines(s, acls));
  lines.push(
    '',
    `echo "Created ${s.securityGroups.filter((g) => !isDefaultGroup(g)).length} security groups${acls.length ? ` and ${acls.filter((a) => !a.isDefault).length} network ACLs` : ''}."`,
    '',
  );
  return lines.join('\n');
}

const aws = 'aws ${AWS_CLI_ARGS:-} ec2';

function entryArgs(e: NaclEntry, direction: 'inbound' | 'outbound'): string {
  const f = awsEntryFields(e);
  return [
    `--rule-number ${e.ruleNumber}`,
    `--protocol ${quote(f.protocol)}`,
    `--rule-action ${e.action}`,
    direction === 'inbound' ? '--ingress' : '--egress',
    f.ipv6 ? `--ipv6-cidr-block ${quote(f.cidr)}` : `--cidr-block ${quote(f.cidr)}`,
    ...(f.ports ? [`--port-range From=${f.ports[0]},To=${f.ports[1]}`] : []),
    ...(f.icmp ? [`--icmp-type-code Type=${f.icmp[0]},Code=${f.icmp[1]}`] : []),
  ].join(' ');
}

/** Network ACLs: created (or the default adopted), their entries, then the subnets moved to them. */
function aclLines(s: Scenario, acls: readonly NetworkAcl[]): string[] {
  const out = ["# 3. Network ACLs: every subnet starts in its VPC's default ACL."];
  const subnets = [...new Set(acls.flatMap((a) => a.subnetIds))];
  for (const sn of subnets)
    out.push(`${shellName('SUBNET', sn)}=\${${shellName('SUBNET', sn)}:-${sn}}`);
  for (const a of acls) {
    const v = shellName('ACL', a.id);
    const vpc = `"$${shellName('VPC', a.vpcId)}"`;
    if (a.isDefault)
      out.push(
        `${v}=$(${aws} describe-network-acls --filters Name=vpc-id,Values=${vpc} Name=default,Values=true --query 'NetworkAcls[0].NetworkAclId' --output text)`,
      );
    else
      out.push(
        `${v}=$(${aws} create-network-acl --vpc-id ${vpc} --query NetworkAcl.NetworkAclId --output text)`,
      );
    // the default ACL comes with AWS's entries 100 (and 101): replaced, or deleted when not wanted
    const present = a.isDefault ? awsDefaultAcl(s, a.vpcId, a.id) : null;
    for (const direction of ['inbound', 'outbound'] as const) {
      const flag = direction === 'inbound' ? '--ingress' : '--egress';
      const there = new Set((present?.[direction] ?? []).map((e) => e.ruleNumber));
      for (const e of a[direction])
        out.push(
          `${aws} ${there.has(e.ruleNumber) ? 'replace' : 'create'}-network-acl-entry --network-acl-id "$${v}" ${entryArgs(e, direction)} >/dev/null`,
        );
      for (const n of there)
        if (!a[direction].some((e) => e.ruleNumber === n))
          out.push(
            `${aws} delete-network-acl-entry --network-acl-id "$${v}" --rule-number ${n} ${flag} >/dev/null`,
          );
    }
    for (const sn of a.subnetIds) {
      const subnet = `"$${shellName('SUBNET', sn)}"`;
      out.push(
        `ASSOC=$(${aws} describe-network-acls --filters Name=association.subnet-id,Values=${subnet} --query "NetworkAcls[0].Associations[?SubnetId=='$${shellName('SUBNET', sn)}'].NetworkAclAssociationId | [0]" --output text)`,
        `${aws} replace-network-acl-association --association-id "$ASSOC" --network-acl-id "$${v}" >/dev/null`,
      );
    }
  }
  return out;
}

/** What AWS puts in a group at creation (§3.1, §3.2): kept when the scenario has it too. */
function created(
  g: SecurityGroup,
  vpc: { ipv6Cidr?: string } | undefined,
): { inbound: Rule[]; outbound: Rule[] } {
  const outbound = defaultEgress(vpc ?? {});
  return isDefaultGroup(g)
    ? { inbound: [{ protocol: '-1', referencedGroupId: g.id }], outbound }
    : { inbound: [], outbound };
}

function rulesOf(
  g: SecurityGroup,
  vpc: { ipv6Cidr?: string } | undefined,
  groupVar: (id: string) => string,
): string[] {
  const out: string[] = [];
  const start = created(g, vpc);
  for (const [direction, verb] of [
    ['inbound', 'ingress'],
    ['outbound', 'egress'],
  ] as const) {
    const has = new Set(g[direction].map((r) => ruleKey(r, direction)));
    const there = new Set(start[direction].map((r) => ruleKey(r, direction)));
    const revoke = start[direction].filter((r) => !has.has(ruleKey(r, direction)));
    const add = g[direction].filter((r) => !there.has(ruleKey(r, direction)));
    const call = (action: string, rules: readonly Rule[]) =>
      `aws \${AWS_CLI_ARGS:-} ec2 ${action}-security-group-${verb} --group-id "$${groupVar(g.id)}" --ip-permissions '[${rules.map((r) => permission(r, groupVar)).join(',')}]' >/dev/null`;
    if (revoke.length) out.push(call('revoke', revoke));
    if (add.length) out.push(call('authorize', add));
  }
  return out;
}
