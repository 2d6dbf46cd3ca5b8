/**
 * The network ACLs' part of the instance matrix: per source position, the destinations whose
 * subnets' ACLs let the request and its reply through (same subnet: always, no ACL is crossed).
 *
 * Per ACL, direction and packet, first-match evaluation over the address axis at once: each entry,
 * in number order, decides the positions of its CIDR not yet decided. A source in subnet A reaches
 * subnet B's members when A lets the request out and the reply in (a bitset over destinations),
 * and B lets the request in from it and the reply out to it (two bits at the source's position);
 * sources with the same subnet and the same set of such B share one mask.
 */
import type { CompiledAcl, Compiled } from './compiled-types';
import type { Direction } from '../model';
import { portMatches, protocolMatches, type Packet } from './match';
import { replyOf } from './packet';
import {
  addRange,
  hasBit,
  mapped,
  newBits,
  orInto,
  type AddressIndex,
  type Bits,
} from './reach-index';

const cache = new WeakMap<AddressIndex, WeakMap<Compiled['acls'], Map<string, Bits[] | null>>>();

/** Positions whose address the ACL admits in this direction (a null packet: no leg, all pass). */
function admitted(
  index: AddressIndex,
  acl: CompiledAcl | undefined,
  direction: Direction,
  pkt: Packet | null,
): Bits {
  const allowed = new Uint32Array(index.words);
  if (!acl || !pkt) return allowed.fill(0xffffffff);
  const decided = new Uint32Array(index.words);
  const run = new Uint32Array(index.words);
  for (const e of acl[direction]) {
    if (e.cidr.family !== 4 || !protocolMatches(e, pkt) || !portMatches(e, pkt)) continue;
    run.fill(0);
    addRange(run, index, e.cidr.lo, e.cidr.hi);
    for (let w = 0; w < run.length; w++) {
      const fresh = (run[w] as number) & ~(decided[w] as number);
      if (e.allow) allowed[w] = (allowed[w] as number) | fresh;
      decided[w] = (decided[w] as number) | (run[w] as number);
    }
  }
  return allowed;
}

interface SubnetBits {
  readonly members: Bits;
  /** A's side for its sources: the request out to, and the reply in from, each destination */
  readonly sourceSide: Bits;
  /** B's side for its destinations: the request in from, and the reply out to, each source */
  readonly destinationSide: Bits;
}

/** Per source position, the destinations the ACLs allow; null when no instance's subnet has one. */
export function aclMasks(
  c: Compiled,
  index: AddressIndex,
  pkt: Packet,
  key: string,
): Bits[] | null {
  if (c.acls.size === 0) return null;
  let perAcls = cache.get(index);
  if (!perAcls) cache.set(index, (perAcls = new WeakMap()));
  let perKey = perAcls.get(c.acls);
  if (!perKey) perAcls.set(c.acls, (perKey = new Map()));
  const hit = perKey.get(key);
  if (hit !== undefined) return hit;
  const masks = compute(c, index, pkt);
  perKey.set(key, masks);
  return masks;
}

function compute(c: Compiled, index: AddressIndex, pkt: Packet): Bits[] | null {
  const reply = replyOf(pkt);
  const subnets = new Map<string, SubnetBits>();
  index.ifaces.forEach((iface, p) => {
    let sb = subnets.get(iface.subnet.id);
    if (!sb) {
      const acl = c.acls.get(iface.subnet.id);
      const both = (a: Bits, b: Bits) => a.map((w, i) => w & (b[i] as number));
      sb = {
        members: newBits(index.words),
        sourceSide: both(
          admitted(index, acl, 'outbound', pkt),
          admitted(index, acl, 'inbound', reply),
        ),
        destinationSide: both(
          admitted(index, acl, 'inbound', pkt),
          admitted(index, acl, 'outbound', reply),
        ),
      };
      subnets.set(iface.subnet.id, sb);
    }
    sb.members[p >>> 5] = (sb.members[p >>> 5] as number) | (1 << (p & 31));
  });
  if (![...subnets.keys()].some((id) => c.acls.has(id))) return null;
  const list = [...subnets.entries()];
  const shared = new Map<string, Bits>();
  return mapped(index.ifaces, (iface, p) => {
    const a = iface.subnet.id;
    const open = list.filter(([b, sb]) => b !== a && hasBit(sb.destinationSide, p)).map(([b]) => b);
    const signature = `${a}|${open.join(',')}`;
    let mask = shared.get(signature);
    if (!mask) {
      const own = subnets.get(a) as SubnetBits;
      mask = newBits(index.words);
      for (const b of open) orInto(mask, (subnets.get(b) as SubnetBits).members);
      for (let w = 0; w < mask.length; w++)
        mask[w] =
          ((mask[w] as number) & (own.sourceSide[w] as number)) | (own.members[w] as number);
      shared.set(signature, mask);
    }
    return mask;
  });
}
