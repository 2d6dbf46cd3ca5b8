import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from './issue';
import type { Rule } from './types';
import { ruleIsValid, validateRule } from './validate-rule';

const codes = (rule: Rule, dir: 'inbound' | 'outbound' = 'inbound') =>
  validateRule(rule, dir, 'r').map((i) => `${i.severity}:${i.code}@${i.path}`);

describe('validateRule matches the EC2 API', () => {
  it('accepts a plain SSH rule', () => {
    expect(
      codes({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '203.0.113.1/32' }),
    ).toEqual([]);
  });
  it("refuses the word 'all' as AWS does", () => {
    const issues = validateRule({ protocol: 'all', cidrIpv4: '0.0.0.0/0' }, 'inbound', 'r');
    expect(issues[0]?.message).toContain("Invalid value 'all' for IP protocol. Unknown protocol.");
  });
  it('needs ports for TCP/UDP, in range and in order', () => {
    expect(codes({ protocol: 'tcp', cidrIpv4: '0.0.0.0/0' })).toEqual([
      'error:InvalidParameterValue@r.fromPort',
    ]);
    expect(codes({ protocol: 'udp', fromPort: -1, toPort: 70000, cidrIpv4: '0.0.0.0/0' })).toEqual([
      'error:InvalidParameterValue@r.fromPort',
      'error:InvalidParameterValue@r.toPort',
    ]);
    expect(
      validateRule(
        { protocol: 'tcp', fromPort: 8000, toPort: 7000, cidrIpv4: '0.0.0.0/0' },
        'inbound',
        'r',
      )[0],
    ).toMatchObject({ fix: '7000-8000' });
  });
  it('ICMP: type -1 needs code -1; 8/8 is warned as a likely mistake; ICMPv6 may omit both', () => {
    expect(codes({ protocol: 'icmp', fromPort: -1, toPort: 3, cidrIpv4: '0.0.0.0/0' })).toEqual([
      'error:InvalidParameterValue@r.toPort',
    ]);
    expect(codes({ protocol: 'icmp', fromPort: 8, toPort: 8, cidrIpv4: '0.0.0.0/0' })).toEqual([
      'warning:IcmpCodeLooksLikeType@r.toPort',
    ]);
    expect(codes({ protocol: 'icmpv6', cidrIpv6: '::/0' })).toEqual([]);
    expect(codes({ protocol: 'icmp', fromPort: 8, toPort: -1, cidrIpv6: '::/0' })).toEqual([
      'warning:IcmpFamilyMismatch@r.protocol',
    ]);
  });
  it('ports on protocol -1 or a custom number are ignored, with a notice', () => {
    expect(codes({ protocol: '47', fromPort: 0, toPort: 0, cidrIpv4: '0.0.0.0/0' })).toEqual([
      'notice:PortsIgnored@r.fromPort',
    ]);
  });
  it('exactly one peer', () => {
    expect(codes({ protocol: '-1' })).toEqual(['error:MissingParameter@r.peer']);
    expect(codes({ protocol: '-1', cidrIpv4: '0.0.0.0/0', referencedGroupId: 'sg-a' })).toEqual([
      'error:InvalidParameterCombination@r.peer',
    ]);
  });
  it('host bits are a notice with the canonical block; a bare IP an error with the /32 fix', () => {
    expect(validateRule({ protocol: '-1', cidrIpv4: '10.0.0.5/24' }, 'inbound', 'r')).toEqual([
      expect.objectContaining({
        severity: 'notice',
        code: 'CidrHostBitsSet',
        fix: '10.0.0.0/24',
        message: expect.stringContaining('AWS will store 10.0.0.0/24'),
      }),
    ]);
    expect(
      validateRule({ protocol: '-1', cidrIpv4: '203.0.113.5' }, 'inbound', 'r')[0],
    ).toMatchObject({ severity: 'error', fix: '203.0.113.5/32' });
  });
  it('descriptions: 255 characters of AWS’s set', () => {
    expect(codes({ protocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'x'.repeat(256) })).toEqual([
      'error:InvalidParameterValue@r.description',
    ]);
    expect(codes({ protocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'naïve <script>' })).toEqual(
      ['error:InvalidParameterValue@r.description'],
    );
    expect(codes({ protocol: '-1', referencedGroupId: 'sg-a', description: 'a & b' })).toEqual([
      'warning:DescriptionAmpersand@r.description',
    ]);
  });
  it('a malformed group id', () => {
    expect(codes({ protocol: '-1', referencedGroupId: 'web' })).toEqual([
      'error:InvalidGroupId.Malformed@r.referencedGroupId',
    ]);
    expect(codes({ protocol: '-1', referencedGroupId: 'sg-' })).toEqual([
      'error:InvalidGroupId.Malformed@r.referencedGroupId',
    ]);
  });
});

describe('messages a newcomer can act on', () => {
  it('one port out of range is one message', () => {
    const issues = validateRule(
      { protocol: 'tcp', fromPort: 70000, toPort: 70000, cidrIpv4: '10.0.0.0/16' },
      'inbound',
      'r',
    );
    expect(issues.map((i) => i.message)).toEqual([
      'Port 70000 is out of range: ports are whole numbers from 0 to 65535.',
    ]);
  });
  it.each([
    ['10.0.0.300/24', '300 is not 0–255'],
    ['10.0.0/24', 'four numbers from 0 to 255'],
    ['10.0.0.0/ab', 'prefix length after the / must be a number'],
    ['10.0.0.0 /24', 'contains a space'],
    ['2001:db8::zz/64', 'is not an IPv6 address'],
  ])('%s says why it is malformed', (cidr, why) => {
    const issues = validateRule({ protocol: '-1', cidrIpv4: cidr }, 'inbound', 'r');
    expect(issues.map((i) => i.message).join(' ')).toContain(why);
  });
});

describe('ruleIsValid', () => {
  const port = fc.oneof(
    fc.constantFrom(undefined, -1, 0, 8, 22, 128, 255, 256, 443, 65535, 65536, 1.5, -2),
    fc.integer({ min: -3, max: 70000 }),
  );
  const text = (xs: string[]) => fc.option(fc.constantFrom(...xs), { nil: undefined });
  const rule: fc.Arbitrary<Rule> = fc
    .record({
      protocol: fc.constantFrom(
        'tcp',
        'udp',
        'icmp',
        'icmpv6',
        '-1',
        '6',
        '17',
        '50',
        '300',
        'all',
        'TCP',
        ' 6',
      ),
      fromPort: port,
      toPort: port,
      cidrIpv4: text(['0.0.0.0/0', '10.0.0.5/24', '10.0.0.300/24', '::/0', '10.0.0.1', '']),
      cidrIpv6: text(['::/0', '2600:1f18::/56', '10.0.0.0/8', 'zz::/1']),
      referencedGroupId: text(['sg-1', 'sg-', 'group', 'sg-a b']),
      prefixListId: text(['pl-1', 'pl-', 'prefix']),
      description: text(['', 'web', 'ü', 'a&b', 'x'.repeat(256)]),
    })
    .map(
      (r) =>
        Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as Rule,
    );

  it('says what validateRule says about errors, for any rule', () => {
    fc.assert(
      fc.property(rule, fc.constantFrom('inbound', 'outbound'), (r, dir) => {
        expect(ruleIsValid(r)).toBe(!hasErrors(validateRule(r, dir, '')));
      }),
      { numRuns: 5000 },
    );
  });
});
