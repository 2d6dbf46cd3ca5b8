/**
 * Duplicate rules, and rules that allow nothing the rest of their group's list does not already
 * allow. A rule is a set of boxes: (protocol, port or ICMP type/code interval) × (address range or
 * group). It is redundant when the union of the others' boxes covers each of its boxes. Rules are
 * checked in order against those not already found redundant, so removing every rule reported
 * never changes what the group allows.
 */
import type { Finding, RuleRef, SecurityGroup } from '../../model';
import type { CompiledRule } from '../compile';
import { joinWords, ruleName } from './names';

const ALL_SERVICE: readonly [number, number] = [0, 65535];
const V4_ALL = 2 ** 32 - 1;
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

/** An address: IPv4 as a number (fast to compare), IPv6 as a bigint. */
type Addr = number | bigint;
const succ = (a: Addr): Addr => (typeof a === 'bigint' ? a + 1n : a + 1);

/** An address atom: a range of one family, or a group reference (its members change). */
type Atom =
  { readonly family: 4 | 6; readonly lo: Addr; readonly hi: Addr } | { readonly group: string };

function atomsOf(r: CompiledRule): Atom[] {
  const p = r.peer;
  if (p.kind === 'group') return [{ group: p.groupId }];
  const cidrs = p.kind === 'cidr' ? [p.cidr] : p.cidrs;
  return cidrs.map((c) => ({ family: c.family, lo: c.lo, hi: c.hi }));
}

interface Box {
  readonly rule: CompiledRule;
  /** The rule's place in its list: redundancy is kept in an array, not looked up in a map. */
  readonly index: number;
  readonly service: readonly [number, number];
  readonly atom: Atom;
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
  if (relevant.length === 0) return null;
  // sorted by address once, so each piece below is one sweep with no sorting
  if (!('group' in atom))
    relevant.sort((a, b) => {
      const x = (a.atom as { lo: Addr }).lo;
      const y = (b.atom as { lo: Addr }).lo;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  // split the service interval where any box starts or ends; each piece needs full address cover
  const cuts = new Set([service[0]]);
  for (const b of relevant) {
    if (b.service[0] > service[0]) cuts.add(b.service[0]);
    if (b.service[1] + 1 <= service[1]) cuts.add(b.service[1] + 1);
  }
  for (const start of cuts) {
    let next: Addr = 'group' in atom ? 0 : atom.lo;
    let covered = false;
    for (const b of relevant) {
      if (b.service[0] > start || b.service[1] < start) continue;
      used.add(b.rule);
      if (covered || 'group' in atom) {
        covered = true;
        continue;
      }
      const a = b.atom as { lo: Addr; hi: Addr };
      if (a.lo > next) break;
      if (a.hi >= next) next = succ(a.hi);
      if (next > atom.hi) covered = true;
    }
    if (!covered) return null;
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
  const v4 = coverOf(service, { family: 4, lo: 0, hi: V4_ALL }, others);
  const v6 = v4 && coverOf(service, { family: 6, lo: 0n, hi: V6_ALL }, others);
  return v4 && v6 ? new Set([...v4, ...v6]) : null;
}

function boxesOf(r: CompiledRule, index: number): Box[] {
  const service = serviceOf(r);
  return atomsOf(r).map((atom) => ({ rule: r, index, service, atom }));
}

/**
 * A cheap necessary condition: the box's first service value at its lowest address lies in some
 * other box. Most rules fail it, and skip the full cover computation.
 */
function cornerCovered(box: Box, all: readonly Box[], counts: (index: number) => boolean): boolean {
  const s0 = box.service[0];
  const a = box.atom;
  if ('group' in a) return true;
  for (const b of all) {
    if (b.service[0] > s0 || b.service[1] < s0 || !counts(b.index)) continue;
    const o = b.atom;
    if ('group' in o) continue;
    if (o.family === a.family && o.lo <= a.lo && o.hi >= a.lo) return true;
  }
  return false;
}

/**
 * The rule as AWS compares it for InvalidPermission.Duplicate (model `ruleKey`), read from the
 * compiled rule, whose CIDR is already parsed and canonical: no second parse per rule.
 */
function compiledKey(r: CompiledRule): string {
  const ports =
    r.ports === 'ports' ? `${r.from}-${r.to}` : r.ports === 'icmp' ? `${r.from}/${r.to}` : '*';
  const p = r.peer;
  const peer =
    p.kind === 'cidr'
      ? `cidr:${p.cidr.family}:${p.text}`
      : p.kind === 'group'
        ? `sg:${p.groupId}`
        : `pl:${p.id}`;
  return `${r.protocol}|${ports}|${peer}`;
}

/** Does box `c` hold all of box `b`? */
function contains(c: Box, b: Box): boolean {
  if (c.service[0] > b.service[0] || c.service[1] < b.service[1]) return false;
  const x = c.atom;
  const y = b.atom;
  if ('group' in y) return 'group' in x && x.group === y.group;
  return !('group' in x) && x.family === y.family && x.lo <= y.lo && x.hi >= y.hi;
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
  const redundant = new Uint8Array(rules.length);
  const keys = new Map<string, CompiledRule>();
  rules.forEach((r, i) => {
    const key = compiledKey(r);
    const first = keys.get(key);
    if (first) {
      out.set(r, { duplicateOf: first });
      redundant[i] = 1;
    } else keys.set(key, r);
  });
  // each rule's boxes are built once: a group of 60 rules compares 3,600 pairs
  const boxes = rules.map(boxesOf);
  const flat = boxes.flat();
  rules.forEach((r, i) => {
    if (redundant[i]) return;
    const own = boxes[i] ?? [];
    const counts = (k: number) => k !== i && !redundant[k] && canCover(r, rules[k] as CompiledRule);
    if (!own.every((b) => cornerCovered(b, flat, counts))) return;
    // the usual case: one other rule holds the whole rule; name just that one
    const holder = rules.findIndex(
      (_, k) => counts(k) && own.every((b) => (boxes[k] ?? []).some((c) => contains(c, b))),
    );
    if (holder >= 0) {
      out.set(r, { coveredBy: [rules[holder] as CompiledRule] });
      redundant[i] = 1;
      return;
    }
    const others: Box[] = [];
    for (const b of flat) if (counts(b.index)) others.push(b);
    const used = new Set<CompiledRule>();
    const service = serviceOf(r);
    const all = own.every(({ atom }) => {
      const by = atomCover(service, atom, others);
      by?.forEach((o) => used.add(o));
      return by !== null;
    });
    if (all && used.size > 0) {
      out.set(r, { coveredBy: [...used] });
      redundant[i] = 1;
    }
  });
  return out;
}

export function redundancy(
  group: SecurityGroup,
  groupIndex: number,
  rules: readonly CompiledRule[],
): Finding[] {
  const ref = (r: CompiledRule): RuleRef => ({ groupId: r.groupId, ruleId: r.ruleId });
  const found = coverage(rules);
  const out: Finding[] = [];
  if (found.size === 0) return out;
  const position = new Map(group.inbound.map((r, i) => [r, i]));
  const outbound = new Map(group.outbound.map((r, i) => [r, i]));
  for (const r of rules) {
    const c = found.get(r);
    if (!c) continue;
    const index = (r.direction === 'inbound' ? position : outbound).get(r.rule) ?? -1;
    const name = ruleName(group, r, index);
    const path = `securityGroups[${groupIndex}].${r.direction}[${index}]`;
    const by = c.duplicateOf ? [c.duplicateOf] : (c.coveredBy ?? []);
    out.push({
      groupId: group.id,
      direction: r.direction,
      ruleId: r.ruleId,
      path,
      code: c.duplicateOf ? 'DUPLICATE_RULE' : 'REDUNDANT_RULE',
      severity: 'low',
      title: c.duplicateOf
        ? `${name} duplicates ${c.duplicateOf.ruleId}`
        : `${name} is already covered by ${joinWords(by.map((o) => o.ruleId))}`,
      message: c.duplicateOf
        ? 'AWS compares rules after canonicalising them and refuses the second copy (InvalidPermission.Duplicate). Delete one.'
        : 'Everything this rule allows, the other rules of the group already allow. It changes nothing, but it counts toward the rules quota and makes the group harder to read.',
      related: by.map(ref),
    });
  }
  return out;
}
