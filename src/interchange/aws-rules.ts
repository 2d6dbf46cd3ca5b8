/**
 * Security-group rules from AWS output: IpPermissions flattened into one rule per entry, and the
 * per-rule view's ids matched back onto them (aws-semantics.md §8.1, §8.3).
 */
import { normaliseProtocol, parseCidr, type Rule } from '../model';
import { field, isObj, list, num, str, type Obj } from './aws-fields';

/** One IpPermission flattened: a rule per range, IPv6 range, prefix list and group pair. */
export function rulesOf(
  perm: Obj,
  owner: string | undefined,
  where: string,
  note: (m: string) => void,
): Rule[] {
  const protocol = normaliseProtocol(str(perm, 'IpProtocol') ?? '-1');
  const from = num(perm, 'FromPort');
  const to = num(perm, 'ToPort');
  const ports: Partial<Rule> =
    protocol === 'tcp' || protocol === 'udp'
      ? { fromPort: from ?? 0, toPort: to ?? 65535 }
      : protocol === 'icmp' || protocol === 'icmpv6'
        ? { fromPort: from ?? -1, toPort: to ?? -1 }
        : {};
  const base = { protocol, ...ports };
  const desc = (e: Obj) => {
    const d = str(e, 'Description');
    return d ? { description: d } : {};
  };
  const cidr = (text: string | undefined, family: 4 | 6): string | null => {
    const r = text ? parseCidr(text, family) : null;
    if (r?.ok) return r.canonical;
    note(`${where}: "${text ?? ''}" is not an IPv${family} CIDR block; that entry was left out.`);
    return null;
  };
  const out: Rule[] = [];
  for (const e of list(perm, 'IpRanges')) {
    const c = cidr(str(e, 'CidrIp'), 4);
    if (c) out.push({ ...base, cidrIpv4: c, ...desc(e) });
  }
  for (const e of list(perm, 'Ipv6Ranges')) {
    const c = cidr(str(e, 'CidrIpv6'), 6);
    if (c) out.push({ ...base, cidrIpv6: c, ...desc(e) });
  }
  for (const e of list(perm, 'PrefixListIds')) {
    const id = str(e, 'PrefixListId');
    if (id) out.push({ ...base, prefixListId: id, ...desc(e) });
  }
  for (const e of list(perm, 'UserIdGroupPairs')) {
    const id = str(e, 'GroupId');
    if (!id) {
      note(
        `${where}: a group pair without a GroupId (${str(e, 'GroupName') ?? 'unnamed'}) was left out.`,
      );
      continue;
    }
    const user = str(e, 'UserId');
    if (user && owner && user !== owner)
      note(
        `${where}: ${id} belongs to account ${user}, another account; its members are not in this scenario.`,
      );
    if (str(e, 'VpcPeeringConnectionId'))
      note(
        `${where}: ${id} is in a peered VPC (${str(e, 'VpcPeeringConnectionId')}); SG Lab models no peering, so the rule matches nothing here.`,
      );
    out.push({ ...base, referencedGroupId: id, ...desc(e) });
  }
  return out;
}

/** The rule's own id from describe-security-group-rules, matched on everything it says. */
export function ruleIdIndex(views: readonly Obj[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const v of views) {
    const id = str(v, 'SecurityGroupRuleId');
    const info = field(v, 'ReferencedGroupInfo');
    const peer =
      str(v, 'CidrIpv4') ??
      str(v, 'CidrIpv6') ??
      str(v, 'PrefixListId') ??
      (isObj(info) ? str(info, 'GroupId') : undefined);
    if (id && peer)
      index.set(ruleKey(str(v, 'GroupId'), field(v, 'IsEgress') === true, v, peer), id);
  }
  return index;
}

export function ruleKey(
  groupId: string | undefined,
  egress: boolean,
  o: Obj,
  peer: string,
): string {
  const protocol = normaliseProtocol(str(o, 'IpProtocol') ?? '-1');
  const cidr = parseCidr(peer);
  const ports = protocol === '-1' ? '' : `${num(o, 'FromPort') ?? -1}:${num(o, 'ToPort') ?? -1}`;
  return `${groupId}|${egress}|${protocol}|${ports}|${cidr.ok ? cidr.canonical : peer}`;
}

export const peerOfRule = (r: Rule) =>
  r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? r.referencedGroupId ?? '';
