/**
 * Duplicate rules, and rules that allow nothing the rest of their group's list does not already
 * allow. A rule is a set of boxes: (protocol, port or ICMP type/code interval) × (address range or
 * group). It is redundant when the union of the others' boxes covers each of its boxes. Rules are
 * checked in order against those not already found redundant, so removing every rule reported
 * never changes what the group allows.
 */
import { ruleKey, type Finding, type RuleRef, type SecurityGroup } from '../../model';
import type { CompiledRule } from '../compile';
import { joinWords, ruleName } from './names';

const ALL_SERVICE: readonly [number, number] = [0, 65535];
const V4_ALL = (1n << 32n) - 1n;
const V6_ALL = (1n << 128n) - 1n;

/** The service interval: ports for TCP/UDP; type × 256 + code for ICMP; everything otherwise. */
function serviceOf(r: CompiledRule): readonly [number, number] {
  if (r.protocol === -1 || r.ports === 'none') return ALL_SERVICE;
  if (r.ports === 'ports') return [r.from, r.to];
  if (r.from === -1) return ALL_SERVICE;
  return r.to === -1
    ? [r.from * 256, r.from * 256 + 255]
    : [r.from * 256 + r.to, r.from * 256 + r.to];
}

/** An address atom: a range of one family, or a group reference (its members change). */
type Atom =
  { readonly family: 4 | 6; readonly lo: bigint; readonly hi: bigint } | { readonly group: string };

function atomsOf(r: CompiledRule): Atom[] {
  const p = r.peer;
  if (p.kind === 'group') return [{ group: p.groupId }];
  const cidrs = p.kind === 'cidr' ? [p.cidr] : p.cidrs;
  return cidrs.map((c) => ({ family: c.family, lo: BigInt(c.lo), hi: BigInt(c.hi) }));
}

interface Box {
  readonly rule: CompiledRule;
  readonly service: readonly [number, number];
  readonly atom: Atom;
}

/** Does the union of address ranges cover [lo, hi]? */
function rangesCover(ranges: { lo: bigint; hi: bigint }[], lo: bigint, hi: bigint): boolean {
  ranges.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  let next = lo;
  for (const r of ranges) {
    if (r.lo > next) return false;
    if (r.hi >= next) next = r.hi + 1n;
    if (next > hi) return true;
  }
  return next > hi;
}

/** The rules whose boxes cover (service × atom) between them, or null when they do not. */
function coverOf(
  service: readonly [number, number],
  atom: Atom,
  others: readonly Box[],
): Set<CompiledRule> | null {
  const used = new Set<CompiledRule>();
  const sameKind = (b: Box) =>
    'group' in atom
      ? 'group' in b.atom && b.atom.group === atom.group
      : 'family' in b.atom &&
        b.atom.family === atom.family &&
        b.atom.hi >= atom.lo &&
        b.atom.lo <= atom.hi;
  const relevant = others.filter(
    (b) => sameKind(b) && b.service[1] >= service[0] && b.service[0] <= service[1],
  );
  // split the service interval where any box starts or ends; each piece needs full address cover
  const cuts = new Set([service[0]]);
  for (const b of relevant) {
    if (b.service[0] > service[0]) cuts.add(b.service[0]);
    if (b.service[1] + 1 <= service[1]) cuts.add(b.service[1] + 1);
  }
  for (const start of [...cuts].sort((a, b) => a - b)) {
    const over = relevant.filter((b) => b.service[0] <= start && b.service[1] >= start);
    const ranges = over.map((b) => b.atom as { lo: bigint; hi: bigint });
    if ('group' in atom ? over.length === 0 : !rangesCover(ranges, atom.lo, atom.hi)) return null;
    for (const b of over) used.add(b.rule);
  }
  return used;
}

/** A group's members have IPv4 and IPv6 addresses: all of both cover any group. */
function atomCover(
  service: readonly [number, number],
  atom: Atom,
  others: readonly Box[],
): Set<CompiledRule> | null {
  const direct = coverOf(service, atom, others);
  if (direct || !('group' in atom)) return direct;
  const v4 = coverOf(service, { family: 4, lo: 0n, hi: V4_ALL }, others);
  const v6 = v4 && coverOf(service, { family: 6, lo: 0n, hi: V6_ALL }, others);
  return v4 && v6 ? new Set([...v4, ...v6]) : null;
}

function boxesOf(r: CompiledRule): Box[] {
  const service = serviceOf(r);
  return atomsOf(r).map((atom) => ({ rule: r, service, atom }));
}

/** Candidate coverers of r: same protocol, or all traffic. */
const canCover = (r: CompiledRule, o: CompiledRule): boolean =>
  o.protocol === -1 || (r.protocol !== -1 && o.protocol === r.protocol);

export interface Coverage {
  readonly duplicateOf?: CompiledRule;
  readonly coveredBy?: readonly CompiledRule[];
}

/**
 * Which rules of a list add nothing: duplicates (after AWS's canonicalisation) and rules the union
 * of the remaining ones already covers. Checked in order against rules not yet found redundant.
 */
export function coverage(rules: readonly CompiledRule[]): Map<CompiledRule, Coverage> {
  const out = new Map<CompiledRule, Coverage>();
  const keys = new Map<string, CompiledRule>();
  for (const r of rules) {
    const key = ruleKey(r.rule, r.direction);
    const first = key ? keys.get(key) : undefined;
    if (first) out.set(r, { duplicateOf: first });
    else if (key) keys.set(key, r);
  }
  for (const r of rules) {
    if (out.has(r)) continue;
    const others = rules.filter((o) => o !== r && !out.has(o) && canCover(r, o)).flatMap(boxesOf);
    const used = new Set<CompiledRule>();
    const service = serviceOf(r);
    const all = atomsOf(r).every((atom) => {
      const by = atomCover(service, atom, others);
      by?.forEach((o) => used.add(o));
      return by !== null;
    });
    if (all && used.size > 0) out.set(r, { coveredBy: [...used] });
  }
  return out;
}

export function redundancy(
  group: SecurityGroup,
  groupIndex: number,
  rules: readonly CompiledRule[],
): Finding[] {
  const ref = (r: CompiledRule): RuleRef => ({ groupId: r.groupId, ruleId: r.ruleId });
  const path = (r: CompiledRule) =>
    `securityGroups[${groupIndex}].${r.direction}[${group[r.direction].indexOf(r.rule)}]`;
  const found = coverage(rules);
  return rules.flatMap((r): Finding[] => {
    const c = found.get(r);
    if (!c) return [];
    const base = { groupId: group.id, direction: r.direction, ruleId: r.ruleId, path: path(r) };
    if (c.duplicateOf)
      return [
        {
          ...base,
          code: 'DUPLICATE_RULE',
          severity: 'low',
          title: `${ruleName(group, r)} duplicates ${c.duplicateOf.ruleId}`,
          message:
            'AWS compares rules after canonicalising them and refuses the second copy (InvalidPermission.Duplicate). Delete one.',
          related: [ref(c.duplicateOf)],
        },
      ];
    const by = c.coveredBy ?? [];
    return [
      {
        ...base,
        code: 'REDUNDANT_RULE',
        severity: 'low',
        title: `${ruleName(group, r)} is already covered by ${joinWords(by.map((o) => o.ruleId))}`,
        message:
          'Everything this rule allows, the other rules of the group already allow. It changes nothing, but it counts toward the rules quota and makes the group harder to read.',
        related: by.map(ref),
      },
    ];
  });
}
