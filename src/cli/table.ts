/** A plain-text table for terminals: columns padded to their widest cell, long reasons cut. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  maxLast = 100,
): string {
  const cut = (s: string, i: number) =>
    i === header.length - 1 && s.length > maxLast ? `${s.slice(0, maxLast - 1)}…` : s;
  const all = [header, ...rows].map((r) => r.map(cut));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [
    line(all[0] ?? []),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...all.slice(1).map(line),
  ].join('\n');
}
