/**
 * A network ACL entry read and written through a rule's fields (protocol, fromPort, toPort: ICMP
 * type and code in the ports, as the console's rule types expect), so that the editor offers the
 * same Type presets for both filters.
 */
import { normaliseProtocol, portModel, protocolNumber } from './protocol';
import type { NaclEntry, Rule } from './types';

type RuleFields = Pick<Rule, 'protocol' | 'fromPort' | 'toPort'>;

export function entryRuleFields(e: NaclEntry): RuleFields {
  const model = portModel(normaliseProtocol(e.protocol));
  if (model === 'icmp')
    return { protocol: e.protocol, fromPort: e.icmpType ?? -1, toPort: e.icmpCode ?? -1 };
  if (model === 'ports')
    return {
      protocol: e.protocol,
      ...(e.fromPort !== undefined ? { fromPort: e.fromPort } : {}),
      ...(e.toPort !== undefined ? { toPort: e.toPort } : {}),
    };
  return { protocol: e.protocol };
}

export function withRuleFields(e: NaclEntry, r: RuleFields): NaclEntry {
  const { fromPort: _f, toPort: _t, icmpType: _it, icmpCode: _ic, ...rest } = e;
  const model = portModel(normaliseProtocol(r.protocol));
  if (model === 'icmp')
    return { ...rest, protocol: r.protocol, icmpType: r.fromPort ?? -1, icmpCode: r.toPort ?? -1 };
  if (model === 'ports')
    return {
      ...rest,
      protocol: r.protocol,
      ...(r.fromPort !== undefined ? { fromPort: r.fromPort } : {}),
      ...(r.toPort !== undefined ? { toPort: r.toPort } : {}),
    };
  return { ...rest, protocol: r.protocol };
}

export const entryCidr = (e: NaclEntry): string => e.cidrIpv4 ?? e.cidrIpv6 ?? '';

/** The entry with its one CIDR replaced: IPv6 when the text has a colon. */
export function withEntryCidr(e: NaclEntry, text: string): NaclEntry {
  const { cidrIpv4: _a, cidrIpv6: _b, ...rest } = e;
  const t = text.trim();
  return t.includes(':') ? { ...rest, cidrIpv6: t } : { ...rest, cidrIpv4: t };
}

/** The next free number in steps of 100, as entries are usually numbered to leave room. */
export function nextRuleNumber(entries: readonly NaclEntry[]): number {
  const top = Math.max(0, ...entries.map((e) => e.ruleNumber));
  return Math.min((Math.floor(top / 100) + 1) * 100, 32766);
}

/** The entry as AWS's APIs write it: protocol as a number, ports or ICMP type and code, one CIDR. */
export function awsEntryFields(e: NaclEntry): {
  readonly protocol: string;
  readonly ports?: readonly [number, number];
  readonly icmp?: readonly [number, number];
  readonly cidr: string;
  readonly ipv6: boolean;
} {
  const name = normaliseProtocol(e.protocol);
  const n = protocolNumber(name);
  const protocol = n === null ? name : String(n);
  const model = portModel(name);
  return {
    protocol,
    ...(model === 'ports' ? { ports: [e.fromPort ?? 0, e.toPort ?? 65535] as const } : {}),
    ...(model === 'icmp' ? { icmp: [e.icmpType ?? -1, e.icmpCode ?? -1] as const } : {}),
    cidr: entryCidr(e),
    ipv6: e.cidrIpv6 !== undefined,
  };
}
