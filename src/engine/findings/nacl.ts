/**
 * Findings about network ACLs (aws-semantics.md §9): reply ranges narrower than the clients'
 * ephemeral ports, entries that a lower-numbered entry always decides first, custom ACLs left
 * without entries, and the 20-entries-per-direction quota. Cached by compiled ACL.
 */
import {
  cidrCovers,
  formatCidr,
  NACL_ENTRY_QUOTA,
  type Direction,
  type Finding,
  type Scenario,
} from '../../model';
import { compileAcl } from '../compile-acl';
import type { CompiledAcl, CompiledNaclEntry } from '../compiled-types';
import { entryService } from '../nacl';

/** Who picks which ports for the reply (aws-semantics.md §9). */
const CLIENTS = [
  { who: 'Linux clients', from: 32768, to: 60999 },
  { who: 'Windows clients', from: 49152, to: 65535 },
  { who: 'NAT gateways and load balancers', from: 1024, to: 65535 },
] as const;

const cache = new WeakMap<
  CompiledAcl,
  { index: number; associated: boolean; list: readonly Finding[] }
>();

const covers = (lo: CompiledNaclEntry, hi: CompiledNaclEntry): boolean =>
  (lo.protocol === -1 || lo.protocol === hi.protocol) &&
  (lo.protocol === -1 ||
    lo.ports === 'none' ||
    (lo.ports === 'ports' && hi.ports === 'ports' && lo.from <= hi.from && hi.to <= lo.to) ||
    (lo.ports === 'icmp' &&
      hi.ports === 'icmp' &&
      (lo.from === -1 || lo.from === hi.from) &&
      (lo.to === -1 || lo.to === hi.to))) &&
  cidrCovers(lo.cidr, hi.cidr);

/** Ports of [from, to] that no allow entry for this protocol opens (before any deny, roughly). */
function uncovered(
  entries: readonly CompiledNaclEntry[],
  protocol: number,
  from: number,
  to: number,
) {
  const open = entries
    .filter(
      (e) => e.allow && (e.protocol === -1 || (e.protocol === protocol && e.ports === 'ports')),
    )
    .map((e): [number, number] => (e.protocol === -1 ? [0, 65535] : [e.from, e.to]))
    .sort((a, b) => a[0] - b[0]);
  let next = from;
  for (const [lo, hi] of open) {
    if (lo > next) break;
    next = Math.max(next, hi + 1);
    if (next > to) return false;
  }
  return next <= to;
}

function ofDirection(
  acl: CompiledAcl,
  index: number,
  direction: Direction,
  associated: boolean,
): Finding[] {
  const out: Finding[] = [];
  const entries = acl[direction];
  const base = { groupId: acl.id, filter: 'network-acl' as const, direction };
  const path = (e: CompiledNaclEntry) => {
    const i = acl.source[direction].indexOf(e.entry);
    return `networkAcls[${index}].${direction}[${i}]`;
  };
  if (entries.length === 0 && !acl.source.isDefault) {
    out.push({
      ...base,
      code: 'NACL_NO_ENTRIES',
      severity: associated ? 'medium' : 'low',
      path: `networkAcls[${index}].${direction}`,
      title: `${acl.name} has no ${direction} entries: it denies all ${direction} traffic`,
      message: `A new network ACL denies everything until entries are added (only the final * rule is there).${associated ? ` Every subnet associated with it (${acl.source.subnetIds.join(', ')}) ${direction === 'inbound' ? 'takes nothing in' : 'sends nothing out'}, replies included.` : ''}`,
    });
  }
  entries.forEach((e, k) => {
    const earlier = entries.slice(0, k).find((lo) => covers(lo, e));
    if (!earlier) return;
    const never = earlier.allow && !e.allow;
    out.push({
      ...base,
      code: never ? 'NACL_DENY_NEVER_MATCHES' : 'NACL_SHADOWED_ENTRY',
      severity: never ? 'medium' : 'low',
      ruleId: String(e.ruleNumber),
      path: path(e),
      title: never
        ? `${direction} rule ${e.ruleNumber} of ${acl.name} denies traffic that rule ${earlier.ruleNumber} already allows: it never matches`
        : `${direction} rule ${e.ruleNumber} of ${acl.name} is shadowed by rule ${earlier.ruleNumber}`,
      message: never
        ? `Entries are read lowest number first and the first match decides. Rule ${earlier.ruleNumber} (${entryService(earlier)} ${formatCidr(earlier.cidr)}) allows everything rule ${e.ruleNumber} would deny, so the deny has no effect. To block it, give the deny a number below ${earlier.ruleNumber}.`
        : `Rule ${earlier.ruleNumber} (${earlier.allow ? 'allow' : 'deny'} ${entryService(earlier)} ${formatCidr(earlier.cidr)}) matches every packet rule ${e.ruleNumber} matches and comes first, so rule ${e.ruleNumber} never decides anything. Remove it, or renumber it below ${earlier.ruleNumber} if it was meant to win.`,
    });
  });
  for (const protocol of [6, 17]) {
    // only ACLs that open some ephemeral range for this protocol are judged: the rest are a choice
    const ranges = entries.filter(
      (e) =>
        e.allow &&
        e.protocol === protocol &&
        e.ports === 'ports' &&
        e.from >= 1024 &&
        e.to - e.from >= 1000,
    );
    if (ranges.length === 0) continue;
    const broken = CLIENTS.filter((cl) => uncovered(entries, protocol, cl.from, cl.to));
    if (broken.length === 0) continue;
    const first = ranges[0] as CompiledNaclEntry;
    const name = protocol === 6 ? 'TCP' : 'UDP';
    out.push({
      ...base,
      code: 'NACL_EPHEMERAL_NARROW',
      severity: 'medium',
      ruleId: String(first.ruleNumber),
      path: path(first),
      title: `${acl.name} ${direction} opens ${name} ${ranges.map((r) => `${r.from}-${r.to}`).join(', ')} for replies: ${broken.map((b) => b.who).join(', ')} break`,
      message: `Replies go to the port the client picked: ${CLIENTS.map((cl) => `${cl.who} ${cl.from}-${cl.to}`).join('; ')}. ${broken.map((b) => `${b.who[0]?.toUpperCase()}${b.who.slice(1)} pick ports outside what this ACL opens, so their replies are dropped`).join('; ')}. AWS advises opening 1024-65535 and putting specific deny entries before it.`,
    });
  }
  if (acl.source[direction].length >= NACL_ENTRY_QUOTA - 2)
    out.push({
      ...base,
      code: 'NACL_NEAR_QUOTA',
      severity: 'low',
      path: `networkAcls[${index}].${direction}`,
      title: `${acl.name} has ${acl.source[direction].length} ${direction} entries; AWS allows ${NACL_ENTRY_QUOTA}`,
      message: `Network ACLs have a quota of ${NACL_ENTRY_QUOTA} entries per direction (40 after an increase), and more entries mean more to read for every packet. Merge neighbouring port ranges and CIDRs, or move per-instance rules to security groups.`,
    });
  return out;
}

export function aclFindings(s: Scenario): Finding[] {
  const out: Finding[] = [];
  (s.networkAcls ?? []).forEach((source, index) => {
    const acl = compileAcl(source);
    const associated = source.subnetIds.length > 0 || source.isDefault === true;
    let hit = cache.get(acl);
    if (!hit || hit.associated !== associated || hit.index !== index) {
      hit = {
        index,
        associated,
        list: [
          ...ofDirection(acl, index, 'inbound', associated),
          ...ofDirection(acl, index, 'outbound', associated),
        ],
      };
      cache.set(acl, hit);
    }
    out.push(...hit.list);
  });
  return out;
}
