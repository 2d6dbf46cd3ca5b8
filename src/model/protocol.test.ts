/** protocolNumberOf answers the common words at once, and must answer as the general path does. */
import { describe, expect, it } from 'vitest';
import { normaliseProtocol, protocolNumber, protocolNumberOf } from './protocol';

const SPELLINGS = [
  ...['tcp', 'udp', 'icmp', 'icmpv6', '-1', 'all', ''],
  ...['TCP', 'Udp', ' tcp', 'tcp ', 'ICMPv6', 'icmp6', '-01', '+6', '6.0', '1e1', '0x6'],
  ...Array.from({ length: 258 }, (_, n) => String(n - 1)),
  ...['006', '0256', '999', '1000', 'esp', 'gre'],
];

describe('protocolNumberOf', () => {
  it.each(SPELLINGS)('%j: the same number as normalising, then reading it', (text) => {
    expect(protocolNumberOf(text)).toBe(protocolNumber(normaliseProtocol(text)));
  });

  it('reads the names and numbers AWS takes', () => {
    expect(
      ['tcp', 'TCP', '6', 'udp', '17', 'icmp', '1', 'icmpv6', '58', '-1', '50'].map(
        protocolNumberOf,
      ),
    ).toEqual([6, 6, 6, 17, 17, 1, 1, 58, 58, -1, 50]);
    expect(['all', 'esp', '256', ''].map(protocolNumberOf)).toEqual([null, null, null, null]);
  });
});
