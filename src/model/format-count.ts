/**
 * A whole count as people read it, the same whatever the browser's locale: 60,000. Written out
 * rather than asked of Intl.NumberFormat: the first formatter a page makes loads its locale data,
 * 25-33 ms of the task that opens a large world, and toLocaleString makes one per call (8 ms a
 * render of a large matrix's counts).
 */
export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.round(n)));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3)
    out = digits.slice(Math.max(0, end - 3), end) + (out ? `,${out}` : '');
  return n < 0 && Math.round(n) !== 0 ? `-${out}` : out;
}
