/**
 * `sg-lab export aws-cli`: one bash script that builds the scenario's security groups in an AWS
 * account as it is. Variables for the VPC ids at the top; every group created first (ids captured
 * with --query GroupId --output text), so rules may name each other; then the rules, one call per
 * group and direction; the allow-all egress AWS gives a new group revoked where the scenario's
 * group does not have it, and never authorized twice (AWS refuses duplicates).
 */
import {
  defaultEgress,
  isDefaultGroup,
  ruleKey,
  type Rule,
  type Scenario,
  type SecurityGroup,
} from '../model';

/** `vpc-shop` → `VPC_SHOP`: a shell variable name. */
export function shellName(prefix: string, id: string): string {
  const body = id
    .replace(/^(vpc|sg|pl)-/, '')
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
  lines.push(
    '',
    `echo "Created ${s.securityGroups.filter((g) => !isDefaultGroup(g)).length} security groups."`,
    '',
  );
  return lines.join('\n');
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
