/** Default VPC quotas (aws-semantics.md §6). */
import { peerOf } from './rule';
import type { PrefixList, Rule, Scenario } from './types';

/** Rules in a document, every group and direction together. */
export function ruleCount(s: Pick<Scenario, 'securityGroups'>): number {
  let n = 0;
  for (const g of s.securityGroups) n += g.inbound.length + g.outbound.length;
  return n;
}

export const QUOTAS = {
  rulesPerGroupPerDirection: 60,
  groupsPerInterface: 5,
  /** rules per group × groups per interface */
  rulesTimesGroups: 1000,
} as const;

/**
 * How many rules a direction's list uses of each family's quota: a CIDR counts in its family, a
 * group reference in both, a prefix list its maxEntries in both (aws-semantics.md §6).
 */
export function ruleQuotaUse(
  rules: readonly Rule[],
  prefixLists: ReadonlyMap<string, PrefixList>,
): { ipv4: number; ipv6: number } {
  let ipv4 = 0;
  let ipv6 = 0;
  for (const rule of rules) {
    const peer = peerOf(rule);
    if (!peer) continue;
    if (peer.kind === 'cidrIpv4') ipv4++;
    else if (peer.kind === 'cidrIpv6') ipv6++;
    else if (peer.kind === 'referencedGroupId') {
      ipv4++;
      ipv6++;
    } else {
      const list = prefixLists.get(peer.value);
      const weight = list ? (list.maxEntries ?? list.entries.length) : 1;
      ipv4 += weight;
      ipv6 += weight;
    }
  }
  return { ipv4, ipv6 };
}
