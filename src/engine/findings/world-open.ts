/**
 * Inbound rules that open admin, database or other high-risk ports — or everything — to 0.0.0.0/0
 * or ::/0, named the way AWS Security Hub and AWS Config would flag them (ux.md §1), each with
 * safer sources to switch to.
 */
import {
  isDefaultGroup,
  youHost,
  type Finding,
  type FindingCode,
  type Rewrite,
  type Scenario,
  type SecurityGroup,
} from '../../model';
import type { CompiledRule } from '../compile';
import { joinWords, ruleName } from './names';

interface RiskyPort {
  readonly port: number;
  readonly name: string;
  readonly kind: 'admin' | 'database' | 'other';
  /** On Security Hub EC2.19's list of high-risk ports. */
  readonly ec219: boolean;
}

const port = (p: number, name: string, kind: RiskyPort['kind'], ec219 = true): RiskyPort => ({
  port: p,
  name,
  kind,
  ec219,
});

/** TCP ports worth a finding when open to the world, in port order. */
const RISKY: readonly RiskyPort[] = [
  port(20, 'FTP data', 'other'),
  port(21, 'FTP', 'other'),
  port(22, 'SSH', 'admin'),
  port(23, 'Telnet', 'admin'),
  port(25, 'SMTP', 'other'),
  port(110, 'POP3', 'other'),
  port(135, 'Windows RPC', 'admin'),
  port(143, 'IMAP', 'other'),
  port(445, 'SMB', 'admin'),
  port(1433, 'SQL Server', 'database'),
  port(1434, 'SQL Server browser', 'database'),
  port(1521, 'Oracle', 'database', false),
  port(3000, 'development web server', 'other'),
  port(3306, 'MySQL/Aurora', 'database'),
  port(3389, 'RDP', 'admin'),
  port(4333, 'mSQL', 'database'),
  port(5000, 'development web server', 'other'),
  port(5432, 'PostgreSQL', 'database'),
  port(5500, 'VNC', 'admin'),
  port(5601, 'Kibana', 'other'),
  port(6379, 'Redis', 'database', false),
  port(8080, 'HTTP proxy', 'other'),
  port(8088, 'HTTP alternate', 'other'),
  port(8888, 'HTTP alternate', 'other'),
  port(9200, 'Elasticsearch', 'database'),
  port(9300, 'Elasticsearch', 'database'),
  port(27017, 'MongoDB', 'database', false),
];

/** AWS Config `restricted-common-ports` blocks these by default. */
const CONFIG_COMMON = new Set([20, 21, 3389, 3306, 4333]);

function controlsFor(open: readonly RiskyPort[]): string[] {
  const ports = new Set(open.map((p) => p.port));
  const out: string[] = [];
  if (ports.has(22)) out.push('Security Hub EC2.13', 'AWS Config restricted-ssh');
  if (ports.has(3389)) out.push('Security Hub EC2.14');
  if (open.some((p) => p.ec219)) out.push('Security Hub EC2.19');
  if (open.some((p) => CONFIG_COMMON.has(p.port))) out.push('AWS Config restricted-common-ports');
  // EC2.18 fails any world-open port other than the authorised 80 and 443
  out.push('Security Hub EC2.18');
  return out;
}

/** Groups of a VPC that look like a way in for admins: the safer source for SSH and RDP. */
export function jumpGroups(s: Scenario, vpcId: string): SecurityGroup[] {
  return s.securityGroups.filter(
    (g) =>
      g.vpcId === vpcId &&
      !isDefaultGroup(g) &&
      /bastion|jump|admin|vpn/i.test(`${g.name} ${g.description}`),
  );
}

function rewrites(
  s: Scenario,
  group: SecurityGroup,
  jumps: readonly SecurityGroup[],
  admin: boolean,
  v6: boolean,
): Rewrite[] {
  const out: Rewrite[] = [];
  const you = youHost(s);
  if (you && you.ip.includes(':') === v6)
    out.push({
      label: `My IP (${you.name}, ${you.ip})`,
      peer: v6 ? { cidrIpv6: `${you.ip}/128` } : { cidrIpv4: `${you.ip}/32` },
    });
  if (admin) {
    const jump = jumps.find((g) => g.id !== group.id);
    if (jump)
      out.push({
        label: `Only from ${jump.name} (${jump.id})`,
        peer: { referencedGroupId: jump.id },
      });
  }
  const vpc = s.vpcs.find((v) => v.id === group.vpcId);
  const block = v6 ? vpc?.ipv6Cidr : vpc?.cidr;
  if (vpc && block)
    out.push({
      label: `Only from inside ${vpc.name ?? vpc.id} (${block})`,
      peer: v6 ? { cidrIpv6: block } : { cidrIpv4: block },
    });
  return out;
}

function listPorts(open: readonly RiskyPort[]): string {
  const named = open.slice(0, 3).map((p) => `${p.name} (${p.port})`);
  const rest = open.length - named.length;
  return joinWords(rest > 0 ? [...named, `${rest} more risky port${rest > 1 ? 's' : ''}`] : named);
}

/** `jumps`: the group's VPC's jump-host groups (`jumpGroups`), found once per document. */
export function worldOpen(
  s: Scenario,
  group: SecurityGroup,
  groupIndex: number,
  rules: readonly CompiledRule[],
  jumps: readonly SecurityGroup[],
): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    if (!r.anywhere || r.direction !== 'inbound') continue;
    const allTraffic = r.protocol === -1;
    if (!allTraffic && r.protocol !== 6) continue;
    const open = allTraffic ? RISKY : RISKY.filter((p) => p.port >= r.from && p.port <= r.to);
    if (open.length === 0) continue;
    const v6 = r.peer.kind === 'cidr' && r.peer.cidr.family === 6;
    const world = v6 ? '::/0, every IPv6 address' : '0.0.0.0/0, every IPv4 address';
    const admin = open.some((p) => p.kind === 'admin');
    const code: FindingCode = allTraffic
      ? 'ALL_TRAFFIC_FROM_ANYWHERE'
      : admin
        ? 'WORLD_OPEN_ADMIN_PORT'
        : open.some((p) => p.kind === 'database')
          ? 'WORLD_OPEN_DATABASE_PORT'
          : 'WORLD_OPEN_HIGH_RISK_PORT';
    const name = ruleName(group, r);
    out.push({
      code,
      severity: allTraffic || code !== 'WORLD_OPEN_HIGH_RISK_PORT' ? 'high' : 'medium',
      groupId: group.id,
      direction: 'inbound',
      ruleId: r.ruleId,
      path: `securityGroups[${groupIndex}].inbound[${group.inbound.indexOf(r.rule)}]`,
      title: allTraffic
        ? `${name} allows all traffic from the whole internet`
        : `${name} opens ${listPorts(open)} to the whole internet`,
      message: `${allTraffic ? 'Every protocol and port, including SSH, RDP and database ports, is' : 'These ports are'} reachable from ${world}. Automated scanners find such ports within minutes. Allow only the addresses that need them.`,
      controls: controlsFor(open),
      rewrites: rewrites(s, group, jumps, admin || allTraffic, v6),
    });
  }
  return out;
}
