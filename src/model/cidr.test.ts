import fc from 'fast-check';
import { Address4, Address6 } from 'ip-address';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatIp, parseCidr, parseIp, plainIpv6 } from './cidr';

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const v6 = fc
  .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
  .map((g) => g.map((x) => x.toString(16)).join(':'));

describe('CIDR containment agrees with ip-address', () => {
  it('IPv4, prefixes 0..32 (including /0 and /32)', () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), v4, (net, prefix, addr) => {
        const r = parseCidr(`${net}/${prefix}`);
        const ip = parseIp(addr);
        if (!r.ok || !ip) return false;
        return (
          cidrContains(r.cidr, ip) ===
          new Address4(addr).isInSubnet(new Address4(`${net}/${prefix}`))
        );
      }),
      { numRuns: 2000 },
    );
  });
  it('IPv6, prefixes 0..128 (including /0 and /128)', () => {
    fc.assert(
      fc.property(v6, fc.integer({ min: 0, max: 128 }), v6, (net, prefix, addr) => {
        const r = parseCidr(`${net}/${prefix}`);
        const ip = parseIp(addr);
        if (!r.ok || !ip) return false;
        return (
          cidrContains(r.cidr, ip) ===
          new Address6(addr).isInSubnet(new Address6(`${net}/${prefix}`))
        );
      }),
      { numRuns: 2000 },
    );
  });
  it('an address is always inside its own /32 or /128 and inside /0 of its family only', () => {
    fc.assert(
      fc.property(fc.oneof(v4, v6), (addr) => {
        const ip = parseIp(addr);
        if (!ip) return false;
        const own = parseCidr(`${addr}/${ip.family === 4 ? 32 : 128}`);
        const any4 = parseCidr('0.0.0.0/0');
        const any6 = parseCidr('::/0');
        if (!own.ok || !any4.ok || !any6.ok) return false;
        return (
          cidrContains(own.cidr, ip) &&
          cidrContains(any4.cidr, ip) === (ip.family === 4) &&
          cidrContains(any6.cidr, ip) === (ip.family === 6)
        );
      }),
    );
  });
});

describe('parseCidr reads CIDRs as AWS does', () => {
  it.each([
    ['10.0.0.5/24', '10.0.0.0/24', true],
    ['100.68.0.18/18', '100.68.0.0/18', true],
    ['203.0.113.0/24', '203.0.113.0/24', false],
    ['2001:DB8::1/32', '2001:db8::/32', true],
  ])('%s is stored as %s (host bits set: %s)', (text, canonical, hostBits) => {
    const r = parseCidr(text);
    expect(r.ok && r.canonical).toBe(canonical);
    expect(r.ok && r.hostBitsSet).toBe(hostBits);
  });
  it.each([
    '10.0.0.0/33',
    '10.0.0.256/24',
    ' 10.0.0.0/24',
    '208.157.160.147\n/32',
    '::/129',
    'abc',
    '10.0.0.0/',
  ])('%j is malformed', (text) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('malformed');
  });
  it('a bare address is refused with the /32 it probably meant', () => {
    const r = parseCidr('203.0.113.5');
    expect(r).toMatchObject({ ok: false, reason: 'bare-address', suggestion: '203.0.113.5/32' });
  });
  it('an IPv6 block in the IPv4 field is refused', () => {
    expect(parseCidr('::/0', 4)).toMatchObject({ ok: false, reason: 'wrong-family' });
  });
  it('formats addresses back', () => {
    expect(formatIp(parseIp('2001:0db8:0000::0001')!)).toBe('2001:db8::1');
    expect(formatIp(parseIp('10.0.0.1')!)).toBe('10.0.0.1');
  });
});

describe('the plain IPv6 fast path agrees with ip-address', () => {
  const authority = (text: string): bigint | null =>
    Address6.isValid(text) && !/[%/\s]/.test(text) ? new Address6(text).bigInt() : null;
  const value = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
  const written = fc.oneof(
    value.map((v) => Address6.fromBigInt(v).correctForm()),
    value.map((v) => Address6.fromBigInt(v).canonicalForm()),
    // mostly zeros, so that "::" appears in every position
    fc
      .array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0x2600), { minLength: 8, maxLength: 8 })
      .map((gs) =>
        Address6.fromBigInt(gs.reduce((a, g) => (a << 16n) | BigInt(g), 0n)).correctForm(),
      ),
    fc.stringMatching(/^[0-9a-f:]{1,24}$/),
  );

  it('reads every plain address as ip-address does, and leaves the rest to it', () => {
    fc.assert(
      fc.property(written, (text) => {
        const fast = plainIpv6(text);
        if (fast !== undefined) expect(fast).toBe(authority(text));
        expect(parseIp(text)?.value ?? null).toBe(authority(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the addresses accounts write', () => {
    expect(plainIpv6('2600:1f18:42:1::1a')).toBe(authority('2600:1f18:42:1::1a'));
    expect(plainIpv6('::')).toBe(0n);
    expect(plainIpv6('::ffff:10.0.0.1')).toBeUndefined();
    expect(plainIpv6('2600:1F18::1')).toBeUndefined();
  });
});
