import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';

describe('formatCount', () => {
  it('groups thousands as en-US does, for every size of count', () => {
    const reference = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const samples = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1001,
      9999,
      10_000,
      59_999,
      60_000,
      123_456,
      999_999,
      1_000_000,
      999_000,
      18_000,
      2 ** 31,
      Number.MAX_SAFE_INTEGER,
    ];
    for (let k = 0; k < 200; k++) samples.push(Math.floor(Math.random() * 10 ** (k % 16)));
    for (const n of [...samples, ...samples.filter((x) => x > 0).map((x) => -x)])
      expect(formatCount(n), String(n)).toBe(reference.format(Math.round(n)));
  });

  it('rounds what is not whole, as a count is shown', () => {
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(-0.4)).toBe('0');
  });
});
