/**
 * The console's rule "Type" presets (ux.md §1, aws-semantics.md §2), kept as data, each with the
 * one-line hint the console does not give.
 */
import type { Rule } from './types';
import { normaliseProtocol, protocolNumber } from './protocol';

export interface RuleType {
  readonly id: string;
  readonly label: string;
  /** Protocol the type fixes; `custom` lets the user type a number. */
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6' | '-1' | 'custom';
  /** Fixed port (or range); `user` = typed by the user; `icmp` = type/code pickers; `all` = no ports. */
  readonly ports: readonly [number, number] | 'user' | 'icmp' | 'all';
  readonly hint: string;
}

const fixed = (id: string, label: string, port: number, hint: string): RuleType => ({
  id,
  label,
  protocol: 'tcp',
  ports: [port, port],
  hint,
});

export const RULE_TYPES: readonly RuleType[] = [
  {
    id: 'custom-tcp',
    label: 'Custom TCP',
    protocol: 'tcp',
    ports: 'user',
    hint: 'Any TCP port or range you type.',
  },
  {
    id: 'custom-udp',
    label: 'Custom UDP',
    protocol: 'udp',
    ports: 'user',
    hint: 'Any UDP port or range you type.',
  },
  {
    id: 'custom-icmp',
    label: 'Custom ICMP - IPv4',
    protocol: 'icmp',
    ports: 'icmp',
    hint: 'One ICMP message type (and code), e.g. Echo Request for ping.',
  },
  {
    id: 'custom-icmpv6',
    label: 'Custom ICMP - IPv6',
    protocol: 'icmpv6',
    ports: 'icmp',
    hint: 'One ICMPv6 message type (and code), e.g. 128 Echo Request for ping6.',
  },
  {
    id: 'custom-protocol',
    label: 'Custom protocol',
    protocol: 'custom',
    ports: 'all',
    hint: 'Any IP protocol by number (47 GRE, 50 ESP …); ports do not apply.',
  },
  {
    id: 'all-tcp',
    label: 'All TCP',
    protocol: 'tcp',
    ports: [0, 65535],
    hint: 'Every TCP port, 0-65535.',
  },
  {
    id: 'all-udp',
    label: 'All UDP',
    protocol: 'udp',
    ports: [0, 65535],
    hint: 'Every UDP port, 0-65535.',
  },
  {
    id: 'all-icmp',
    label: 'All ICMP - IPv4',
    protocol: 'icmp',
    ports: 'all',
    hint: 'Every ICMP message: ping, unreachable, time exceeded …',
  },
  {
    id: 'all-icmpv6',
    label: 'All ICMP - IPv6',
    protocol: 'icmpv6',
    ports: 'all',
    hint: 'Every ICMPv6 message, including neighbour discovery and ping6.',
  },
  {
    id: 'all-traffic',
    label: 'All traffic',
    protocol: '-1',
    ports: 'all',
    hint: 'Every protocol and every port.',
  },
  fixed('ssh', 'SSH', 22, 'Secure Shell: remote login to Linux instances.'),
  fixed('smtp', 'SMTP', 25, 'Sending mail between servers.'),
  {
    id: 'dns-udp',
    label: 'DNS (UDP)',
    protocol: 'udp',
    ports: [53, 53],
    hint: 'Name lookups, the usual way.',
  },
  fixed('dns-tcp', 'DNS (TCP)', 53, 'Name lookups with large answers, and zone transfers.'),
  fixed('http', 'HTTP', 80, 'Web traffic, unencrypted.'),
  fixed('pop3', 'POP3', 110, 'Mail clients downloading mail, unencrypted.'),
  fixed('imap', 'IMAP', 143, 'Mail clients reading mail on the server, unencrypted.'),
  fixed('ldap', 'LDAP', 389, 'Directory lookups (Active Directory, OpenLDAP).'),
  fixed('https', 'HTTPS', 443, 'Web traffic over TLS.'),
  fixed('smb', 'SMB', 445, 'Windows file sharing.'),
  fixed('smtps', 'SMTPS', 465, 'Sending mail over TLS.'),
  fixed('imaps', 'IMAPS', 993, 'IMAP over TLS.'),
  fixed('pop3s', 'POP3S', 995, 'POP3 over TLS.'),
  fixed('mssql', 'MS SQL', 1433, 'Microsoft SQL Server.'),
  fixed('oracle-rds', 'Oracle-RDS', 1521, 'Oracle database listener.'),
  fixed('nfs', 'NFS', 2049, 'Network file system, e.g. Amazon EFS.'),
  fixed('mysql', 'MYSQL/Aurora', 3306, 'MySQL, MariaDB and Aurora MySQL.'),
  fixed('rdp', 'RDP', 3389, 'Remote Desktop to Windows instances.'),
  fixed('postgresql', 'PostgreSQL', 5432, 'PostgreSQL and Aurora PostgreSQL.'),
  fixed('redshift', 'Redshift', 5439, 'Amazon Redshift data warehouse.'),
  fixed('winrm-http', 'WinRM-HTTP', 5985, 'Windows remote management, unencrypted.'),
  fixed('winrm-https', 'WinRM-HTTPS', 5986, 'Windows remote management over TLS.'),
];

const BY_ID = new Map(RULE_TYPES.map((t) => [t.id, t]));

export function ruleType(id: string): RuleType | undefined {
  return BY_ID.get(id);
}

/** The preset a rule matches, as the console names it ("SSH", "Custom TCP", "All traffic"). */
export function ruleTypeOf(rule: Pick<Rule, 'protocol' | 'fromPort' | 'toPort'>): RuleType {
  const protocol = normaliseProtocol(rule.protocol);
  const n = protocolNumber(protocol);
  const pick = (id: string): RuleType => BY_ID.get(id) as RuleType;
  if (n === -1) return pick('all-traffic');
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const all = (rule.fromPort ?? -1) === -1 && (rule.toPort ?? -1) === -1;
    if (protocol === 'icmp') return pick(all ? 'all-icmp' : 'custom-icmp');
    return pick(all ? 'all-icmpv6' : 'custom-icmpv6');
  }
  if (protocol === 'tcp' || protocol === 'udp') {
    const match = RULE_TYPES.find(
      (t) =>
        t.protocol === protocol &&
        Array.isArray(t.ports) &&
        t.ports[0] === rule.fromPort &&
        t.ports[1] === rule.toPort,
    );
    return match ?? pick(protocol === 'tcp' ? 'custom-tcp' : 'custom-udp');
  }
  return pick('custom-protocol');
}

/** The protocol and ports a preset fills in; custom types keep what the rule had where it fits. */
export function applyRuleType(rule: Rule, type: RuleType): Rule {
  const { fromPort: _f, toPort: _t, ...rest } = rule;
  const keepPorts = portsOf(rule);
  if (type.protocol === 'custom') {
    const n = protocolNumber(rule.protocol);
    const keep = n !== null && n !== -1 && ![1, 6, 17, 58].includes(n);
    return { ...rest, protocol: keep ? rule.protocol : '47' };
  }
  if (type.ports === 'all') {
    return type.protocol === 'icmp' || type.protocol === 'icmpv6'
      ? { ...rest, protocol: type.protocol, fromPort: -1, toPort: -1 }
      : { ...rest, protocol: type.protocol };
  }
  if (type.ports === 'icmp') {
    // Echo Request with any code: the classic ping rule (type 8 / code -1, not 8/8).
    const echo = type.protocol === 'icmp' ? 8 : 128;
    return { ...rest, protocol: type.protocol, fromPort: echo, toPort: -1 };
  }
  if (type.ports === 'user') {
    const same = normaliseProtocol(rule.protocol) === type.protocol || keepPorts;
    return same && keepPorts
      ? { ...rest, protocol: type.protocol, fromPort: keepPorts[0], toPort: keepPorts[1] }
      : { ...rest, protocol: type.protocol, fromPort: 0, toPort: 0 };
  }
  return { ...rest, protocol: type.protocol, fromPort: type.ports[0], toPort: type.ports[1] };
}

function portsOf(rule: Rule): readonly [number, number] | null {
  const p = normaliseProtocol(rule.protocol);
  if ((p === 'tcp' || p === 'udp') && rule.fromPort !== undefined && rule.toPort !== undefined) {
    return [rule.fromPort, rule.toPort];
  }
  return null;
}
