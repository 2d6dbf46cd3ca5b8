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

/**
 * An address atom: a range of one family, or a group reference (family 0: its members change).
 * One shape for both, so the loops below read every field of every box the same way.
 */
interface Atom {
  readonly family: 0 | 4 | 6;
  readonly lo: Addr;
  readonly hi: Addr;
  readonly group: string;
}

const V4_ATOM: Atom = { family: 4, lo: 0, hi: V4_ALL, group: '' };
const V6_ATOM: Atom = { family: 6, lo: 0n, hi: V6_ALL, group: '' };

/** One (service interval × atom) piece of a rule. */
interface Box extends Atom {
  readonly rule: CompiledRule;
  /** The rule's place in its list: redundancy is kept in an array, not looked up in a map. */
  readonly index: number;
  readonly protocol: number;
  readonly s0: number;
  readonly s1: number;
}

/** Does the box reach into the atom's addresses (or name the same group)? */
const meets = (b: Box, atom: Atom): boolean =>
  atom.family === 0
    ? b.family === 0 && b.group === atom.group
    : b.family === atom.family && b.hi >= atom.lo && b.lo <= atom.hi;

/** The rules whose boxes cover (service × atom) between them, or null when they do not. */
function coverOf(
  s0: number,
  s1: number,
  atom: Atom,
  others: readonly Box[],
): Set<CompiledRule> | null {
  const relevant: Box[] = [];
  for (const b of others) if (b.s1 >= s0 && b.s0 <= s1 && meets(b, atom)) relevant.push(b);
  if (relevant.length === 0) return null;
  // sorted by address once, so each piece below is one sweep with no sorting
  if (atom.family !== 0) relevant.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  // split the service interval where any box starts or ends; each piece needs full address cover
  const cuts = new Set([s0]);
  for (const b of relevant) {
    if (b.s0 > s0) cuts.add(b.s0);
    if (b.s1 + 1 <= s1) cuts.add(b.s1 + 1);
  }
  const used = new Set<CompiledRule>();
  for (const start of cuts) {
    let next: Addr = atom.lo;
    let covered = false;
    for (const b of relevant) {
      if (b.s0 > start || b.s1 < start) continue;
      used.add(b.rule);
      if (covered || atom.family === 0) {
        covered = true;
        continue;
      }
      if (b.lo > next) break;
      if (b.hi >= next) next = succ(b.hi);
      if (next > atom.hi) covered = true;
    }
    if (!covered) return null;
  }
  return used;
}

/** A group's members have IPv4 and IPv6 addresses: all of both cover any group. */
function atomCover(
  s0: number,
  s1: number,
  atom: Atom,
  others: readonly Box[],
): Set<CompiledRule> | null {
  const direct = coverOf(s0, s1, atom, others);
  if (direct || atom.family !== 0) return direct;
  const v4 = coverOf(s0, s1, V4_ATOM, others);
  const v6 = v4 && coverOf(s0, s1, V6_ATOM, others);
  return v4 && v6 ? new Set([...v4, ...v6]) : null;
}

function boxesOf(r: CompiledRule, index: number): Box[] {
  const [s0, s1] = serviceOf(r);
  const { protocol, peer } = r;
  const box = (family: 0 | 4 | 6, lo: Addr, hi: Addr, group: string): Box => ({
    family,
    lo,
    hi,
    group,
    rule: r,
    index,
    protocol,
    s0,
    s1,
  });
  if (peer.kind === 'group') return [box(0, 0, 0, peer.groupId)];
  const cidrs = peer.kind === 'cidr' ? [peer.cidr] : peer.cidrs;
  return cidrs.map((c) => box(c.family, c.lo, c.hi, ''));
}

/**
 * May rule `k` (of protocol `by`) count toward covering rule `i` (of `protocol`): not itself, not
 * already redundant, and of the same protocol or all traffic?
 */
const mayCover = (k: number, by: number, i: number, protocol: number, redundant: Uint8Array) =>
  k !== i && redundant[k] === 0 && (by === -1 || (protocol !== -1 && by === protocol));

/** May box `b` count toward covering rule `i`? */
const counts = (b: Box, i: number, protocol: number, redundant: Uint8Array): boolean =>
  mayCover(b.index, b.protocol, i, protocol, redundant);

/**
 * Does some other box that may count toward covering `box`'s rule hold this point: a service
 * value at an address of a family, or in a group reference (family 0) to the same group?
 */
function pointHeld(
  box: Box,
  family: 0 | 4 | 6,
  service: number,
  address: Addr,
  all: readonly Box[],
  redundant: Uint8Array,
): boolean {
  const { group, index, protocol } = box;
  for (const b of all)
    if (
      b.family === family &&
      b.s0 <= service &&
      b.s1 >= service &&
      (family === 0 ? b.group === group : b.lo <= address && b.hi >= address) &&
      counts(b, index, protocol, redundant)
    )
      return true;
  return false;
}

/**
 * A cheap necessary condition: the box's first service value at its lowest address lies in some
 * other box — for a group reference, in a reference to the same group or in both families' whole
 * ranges (the two ways atomCover finds a group covered). Most rules fail it, and skip the full
 * cover computation.
 */
function cornerHeld(box: Box, all: readonly Box[], redundant: Uint8Array): boolean {
  const { family, s0, lo } = box;
  if (family !== 0) return pointHeld(box, family, s0, lo, all, redundant);
  return (
    pointHeld(box, 0, s0, 0, all, redundant) ||
    (pointHeld(box, 4, s0, 0, all, redundant) && pointHeld(box, 6, s0, 0n, all, redundant))
  );
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
  if (c.s0 > b.s0 || c.s1 < b.s1 || c.family !== b.family) return false;
  return b.family === 0 ? c.group === b.group : c.lo <= b.lo && c.hi >= b.hi;
}

/** Does one box of `by` hold each box of `own`? */
function holdsAll(by: readonly Box[], own: readonly Box[]): boolean {
  for (const b of own) if (!by.some((c) => contains(c, b))) return false;
  return true;
}

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
    if (!own.every((b) => cornerHeld(b, flat, redundant))) return;
    const protocol = r.protocol;
    // the usual case: one other rule holds the whole rule; name just that one
    const holder = boxes.findIndex(
      (by, k) =>
        mayCover(k, (rules[k] as CompiledRule).protocol, i, protocol, redundant) &&
        holdsAll(by, own),
    );
    if (holder >= 0) {
      out.set(r, { coveredBy: [rules[holder] as CompiledRule] });
      redundant[i] = 1;
      return;
    }
    const others = flat.filter((b) => counts(b, i, protocol, redundant));
    const used = new Set<CompiledRule>();
    const [s0, s1] = serviceOf(r);
    const all = own.every((atom) => {
      const by = atomCover(s0, s1, atom, others);
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
