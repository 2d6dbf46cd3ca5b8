/**
 * Address and CIDR maths. IPv4 values are unsigned 32-bit numbers (fast in the engine's hot path);
 * IPv6 values are bigints. This is the one file that may use `ip-address` (architecture.md).
 */
import { Address6 } from 'ip-address';

export type Family = 4 | 6;

export type Ip =
  { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint };

export type Cidr =
  | { readonly family: 4; readonly lo: number; readonly hi: number; readonly prefix: number }
  | { readonly family: 6; readonly lo: bigint; readonly hi: bigint; readonly prefix: number };

export type CidrResult =
  | {
      readonly ok: true;
      readonly cidr: Cidr;
      readonly canonical: string;
      readonly hostBitsSet: boolean;
    }
  | {
      readonly ok: false;
      readonly reason: 'malformed' | 'bare-address' | 'wrong-family';
      readonly message: string;
      /** For a bare address: the single-host CIDR the user probably meant. */
      readonly suggestion?: string;
    };

const ALL6 = (1n << 128n) - 1n;

/** Four dotted numbers of 1–3 digits, each 0–255 (leading zeros read as decimal), by char code. */
function parseIpv4(text: string): number | null {
  const n = text.length;
  if (n < 7 || n > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      if (++digits > 3) return null;
      octet = octet * 10 + (ch - 48);
    } else if (ch === 46) {
      if (digits === 0 || octet > 255 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return null;
  }
  if (digits === 0 || octet > 255 || dots !== 3) return null;
  return value * 256 + octet;
}

function parseIpv6(text: string): bigint | null {
  const fast = plainIpv6(text);
  if (fast !== undefined) return fast;
  // ip-address accepts zone ids and prefixes inside the address; a packet address has neither.
  if (!text.includes(':') || /[%/\s]/.test(text) || !Address6.isValid(text)) return null;
  return new Address6(text).bigInt();
}

const PLAIN6 = /^[0-9a-f:]{2,39}$/;

/**
 * The plain form accounts and AWS write (lowercase hex groups, at most one "::", no embedded IPv4
 * or zone), read without ip-address, which parses ~10 µs an address; anything else: undefined, and
 * ip-address decides. A test holds the two to the same answer.
 */
export function plainIpv6(text: string): bigint | null | undefined {
  if (!PLAIN6.test(text)) return undefined;
  const gap = text.indexOf('::');
  if (gap >= 0 && text.indexOf('::', gap + 1) >= 0) return undefined;
  const head = gap < 0 ? text.split(':') : gap === 0 ? [] : text.slice(0, gap).split(':');
  const tail = gap < 0 || gap + 2 === text.length ? [] : text.slice(gap + 2).split(':');
  const count = head.length + tail.length;
  if (gap >= 0 ? count > 7 : count !== 8) return undefined;
  // one hex string of 32 digits, read as one number: a BigInt per group would cost eight
  let hex = '';
  for (const g of head) {
    if (g.length < 1 || g.length > 4) return undefined;
    hex += g.padStart(4, '0');
  }
  hex += '0000'.repeat(8 - count);
  for (const g of tail) {
    if (g.length < 1 || g.length > 4) return undefined;
    hex += g.padStart(4, '0');
  }
  return BigInt(`0x${hex}`);
}

/** Parses a bare IPv4 or IPv6 address (no prefix, no whitespace). */
export function parseIp(text: string): Ip | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  let hit = ipv6Memo.get(text);
  if (hit === undefined) {
    // every instance of a /16 VPC full has its own: room for all of them
    if (ipv6Memo.size >= IPV6_MEMO_LIMIT) ipv6Memo.clear();
    const v6 = parseIpv6(text);
    ipv6Memo.set(text, (hit = v6 === null ? null : { family: 6, value: v6 }));
  }
  return hit;
}

const ipv6Memo = new Map<string, Ip | null>();
const IPV6_MEMO_LIMIT = 150_000;

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function formatIpv6(value: bigint): string {
  return Address6.fromBigInt(value).correctForm();
}

export function formatIp(ip: Ip): string {
  return ip.family === 4 ? formatIpv4(ip.value) : formatIpv6(ip.value);
}

export function formatCidr(cidr: Cidr): string {
  const base = cidr.family === 4 ? formatIpv4(cidr.lo) : formatIpv6(cidr.lo);
  return `${base}/${cidr.prefix}`;
}

function v4Range(value: number, prefix: number): { lo: number; hi: number } {
  const size = 2 ** (32 - prefix);
  const lo = Math.floor(value / size) * size;
  return { lo, hi: lo + size - 1 };
}

function v6Range(value: bigint, prefix: number): { lo: bigint; hi: bigint } {
  const hostMask = (1n << BigInt(128 - prefix)) - 1n;
  const lo = value & (ALL6 ^ hostMask);
  return { lo, hi: lo | hostMask };
}

/**
 * Parses a CIDR as AWS does (aws-semantics.md §1.3): host bits are accepted and cleared
 * (`10.0.0.5/24` is stored as `10.0.0.0/24`); whitespace, a bad prefix or a bare address is malformed.
 * `family` restricts the result to one family, as the API's `CidrIp` / `CidrIpv6` fields do.
 */
export function parseCidr(text: string, family?: Family): CidrResult {
  // Scenarios repeat the same blocks thousands of times, and IPv6 goes through ip-address.
  const memo = cidrMemo[family ?? 0];
  let hit = memo.get(text);
  if (!hit) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, (hit = parseCidrUncached(text, family)));
  }
  return hit;
}

const MEMO_LIMIT = 50_000;
const cidrMemo = { 0: new Map<string, CidrResult>(), 4: new Map(), 6: new Map() } as const;

/** "CIDR block 10.0.0.300/24 is malformed: 300 is not 0–255." Says which part is wrong. */
function malformed(text: string, addr: string, prefix: string | null): string {
  const head = `CIDR block ${text} is malformed`;
  if (/\s/.test(text)) return `${head}: it contains a space.`;
  if (addr === '') return `${head}: the address before the / is missing.`;
  if (!addr.includes(':')) {
    const parts = addr.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p)))
      return `${head}: an IPv4 address is four numbers from 0 to 255 separated by dots (like 10.0.0.0).`;
    const big = parts.find((p) => Number(p) > 255);
    if (big !== undefined) return `${head}: ${big} is not 0–255.`;
  } else if (!parseIp(addr)) return `${head}: ${addr} is not an IPv6 address.`;
  if (prefix !== null && !/^\d{1,3}$/.test(prefix))
    return `${head}: the prefix length after the / must be a number (like /24).`;
  return `${head}.`;
}

function parseCidrUncached(text: string, family?: Family): CidrResult {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIp(addrText);
  if (slash < 0) {
    if (ip) {
      const suggestion = `${addrText}/${ip.family === 4 ? 32 : 128}`;
      return {
        ok: false,
        reason: 'bare-address',
        message: `${addrText} is an address, not a CIDR block: a single address needs its prefix length.`,
        suggestion,
      };
    }
    return { ok: false, reason: 'malformed', message: malformed(text, addrText, null) };
  }
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) {
    return { ok: false, reason: 'malformed', message: malformed(text, addrText, prefixText) };
  }
  if (family !== undefined && ip.family !== family) {
    return {
      ok: false,
      reason: 'wrong-family',
      message: `CIDR block ${text} is malformed: it is an IPv${ip.family} block in the IPv${family} field.`,
    };
  }
  const prefix = Number(prefixText);
  if (prefix > (ip.family === 4 ? 32 : 128)) {
    return {
      ok: false,
      reason: 'malformed',
      message: `CIDR block ${text} is malformed: the prefix length is out of range.`,
    };
  }
  const cidr: Cidr =
    ip.family === 4
      ? { family: 4, prefix, ...v4Range(ip.value, prefix) }
      : { family: 6, prefix, ...v6Range(ip.value, prefix) };
  return { ok: true, cidr, canonical: formatCidr(cidr), hostBitsSet: cidr.lo !== ip.value };
}

/** The parsed CIDR, or null when malformed. */
export function cidrOf(text: string): Cidr | null {
  const r = parseCidr(text);
  return r.ok ? r.cidr : null;
}

/** True when `ip` lies inside `cidr`; never across families (aws-semantics.md §4.2). */
export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  if (cidr.family === 4) return ip.family === 4 && ip.value >= cidr.lo && ip.value <= cidr.hi;
  return ip.family === 6 && ip.value >= cidr.lo && ip.value <= cidr.hi;
}

/** True when every address of `inner` is inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family) return false;
  return outer.lo <= inner.lo && inner.hi <= outer.hi;
}

/** True when the two blocks share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
}

/** The address `offset` places after the block's first address. */
export function cidrAddress(cidr: Cidr, offset: number): Ip {
  return cidr.family === 4
    ? { family: 4, value: cidr.lo + offset }
    : { family: 6, value: cidr.lo + BigInt(offset) };
}

/** Number of addresses in an IPv4 block (IPv6 blocks are capped at 2^53). */
export function cidrSize(cidr: Cidr): number {
  return cidr.family === 4 ? cidr.hi - cidr.lo + 1 : Number(cidr.hi - cidr.lo + 1n);
}

export function ipEquals(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.value === b.value;
}

/** `/0` in its family: "anywhere" (0.0.0.0/0 or ::/0). */
export const isAnywhere = (cidr: Cidr): boolean => cidr.prefix === 0;
