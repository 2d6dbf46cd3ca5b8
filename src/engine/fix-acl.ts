/**
 * The one-click fix where a network ACL refused the packet: one allow entry that admits it,
 * numbered so that it decides. When the final `*` rule denied, the entry goes after every deny
 * entry it overlaps, so the user's denies keep their meaning; when one of the user's deny entries
 * decided, the allow must come before it, and the label says so.
 */
import {
  cidrOf,
  cidrOverlaps,
  formatCidr,
  normaliseProtocol,
  parseIp,
  type Direction,
  type NaclEntry,
  type TraceStep,
} from '../model';
import type { Compiled, CompiledAcl, CompiledNaclEntry } from './compiled-types';
import type { Packet } from './match';
import { decidingEntry, entryService, nearestAllow } from './nacl';

export interface AclFix {
  readonly kind: 'nacl-entry';
  readonly aclId: string;
  readonly direction: Direction;
  readonly entry: NaclEntry;
  /** The user's deny entry this allow is placed before (and so overrides for this traffic). */
  readonly before?: number;
  readonly label: string;
}

const MAX_RULE_NUMBER = 32766;

const overlaps = (e: CompiledNaclEntry, protocol: number, cidr: string): boolean => {
  const c = cidrOf(cidr);
  return (
    !!c &&
    (e.protocol === -1 || protocol === -1 || e.protocol === protocol) &&
    cidrOverlaps(e.cidr, c)
  );
};

function entryFor(pkt: Packet, reply: boolean, cidr: string, ruleNumber: number): NaclEntry {
  const protocol = normaliseProtocol(String(pkt.protocol));
  const peer = cidr.includes(':') ? { cidrIpv6: cidr } : { cidrIpv4: cidr };
  const base = { ruleNumber, action: 'allow' as const, protocol, ...peer };
  if (pkt.protocol === 6 || pkt.protocol === 17) {
    const port = pkt.port ?? 0;
    // a reply goes to whatever port the client picked: open the ephemeral range, as AWS advises
    return reply && port >= 1024
      ? { ...base, fromPort: 1024, toPort: 65535 }
      : { ...base, fromPort: port, toPort: port };
  }
  if (pkt.protocol === 1 || pkt.protocol === 58)
    return { ...base, icmpType: pkt.icmpType ?? -1, icmpCode: -1 };
  return base;
}

/** The smallest multiple of 10 above `floor` that is free in this direction. */
function freeAbove(acl: CompiledAcl, direction: Direction, floor: number): number | null {
  const taken = new Set(acl.source[direction].map((e) => e.ruleNumber));
  for (let n = (Math.floor(floor / 10) + 1) * 10; n <= MAX_RULE_NUMBER; n += 10)
    if (!taken.has(n)) return n;
  return null;
}

/** The highest free number below `ceiling`. */
function freeBelow(acl: CompiledAcl, direction: Direction, ceiling: number): number | null {
  const taken = new Set(acl.source[direction].map((e) => e.ruleNumber));
  for (let n = ceiling - 1; n >= 1; n--) if (!taken.has(n)) return n;
  return null;
}

export function aclFix(c: Compiled, step: TraceStep): AclFix | null {
  const where = step.where;
  const pkt = step.packet;
  const remote = step.remoteAddress ? parseIp(step.remoteAddress) : null;
  if (where?.kind !== 'subnet-boundary' || !where.direction || !pkt || !remote) return null;
  const acl = c.acls.get(where.id);
  if (!acl) return null;
  const direction = where.direction;
  const reply = step.kind === 'response';
  const denier = decidingEntry(acl, direction, pkt, remote);
  const near = nearestAllow(acl, direction, pkt, remote);
  const own = `${step.remoteAddress}/${remote.family === 4 ? 32 : 128}`;
  // before a deny the user wrote, admit this address only: the deny keeps its meaning for the rest
  const cidr = !denier && near && near.field !== 'peer' ? formatCidr(near.entry.cidr) : own;
  let ruleNumber: number | null;
  if (denier) ruleNumber = freeBelow(acl, direction, denier.ruleNumber);
  else {
    const denies = acl[direction].filter((e) => !e.allow && overlaps(e, pkt.protocol, cidr));
    const floor = Math.max(near?.entry.ruleNumber ?? 0, ...denies.map((e) => e.ruleNumber));
    ruleNumber = freeAbove(acl, direction, floor);
  }
  if (ruleNumber === null) return null;
  const entry = entryFor(pkt, reply, cidr, ruleNumber);
  const service = entryService({
    protocol: pkt.protocol,
    ports:
      pkt.protocol === 6 || pkt.protocol === 17
        ? 'ports'
        : pkt.protocol === 1 || pkt.protocol === 58
          ? 'icmp'
          : 'none',
    from: entry.fromPort ?? entry.icmpType ?? -1,
    to: entry.toPort ?? entry.icmpCode ?? -1,
  });
  const what = `${direction} rule ${ruleNumber}: allow ${service} ${direction === 'inbound' ? 'from' : 'to'} ${cidr}`;
  return {
    kind: 'nacl-entry',
    aclId: acl.id,
    direction,
    entry,
    ...(denier ? { before: denier.ruleNumber } : {}),
    label: `Add ${what} to ${acl.id}${reply ? ' (for the reply)' : ''}${denier ? `, before your deny rule ${denier.ruleNumber}` : ''}`,
  };
}
