/** Reading and writing a rule's fields as the grid shows them: port text, issues per column. */
import type { Finding, Issue } from '../../model';

export type Column = 'type' | 'protocol' | 'ports' | 'peer' | 'description';

/** Issues of one rule by the column that shows them (JSON path → column). */
export function issuesByColumn(issues: readonly Issue[], rulePath: string): Map<Column, Issue[]> {
  const out = new Map<Column, Issue[]>();
  for (const issue of issues) {
    if (issue.path !== rulePath && !issue.path.startsWith(`${rulePath}.`)) continue;
    const field = issue.path.slice(rulePath.length + 1);
    const column: Column =
      field === 'protocol'
        ? 'protocol'
        : field === 'fromPort' || field === 'toPort'
          ? 'ports'
          : field === 'description'
            ? 'description'
            : 'peer';
    out.set(column, [...(out.get(column) ?? []), issue]);
  }
  return out;
}

export const worstSeverity = (issues: readonly Issue[] | undefined): Issue['severity'] | null =>
  !issues || issues.length === 0
    ? null
    : issues.some((i) => i.severity === 'error')
      ? 'error'
      : issues.some((i) => i.severity === 'warning')
        ? 'warning'
        : 'notice';

/** World-open findings are shown on the peer they are about. */
export const isWorldOpen = (f: Finding): boolean =>
  f.code === 'WORLD_OPEN_ADMIN_PORT' ||
  f.code === 'WORLD_OPEN_DATABASE_PORT' ||
  f.code === 'WORLD_OPEN_HIGH_RISK_PORT' ||
  f.code === 'ALL_TRAFFIC_FROM_ANYWHERE';

/** A draft row shows a column's problems only once that column was left (`left`); null: all. */
export function shownIssues(
  byColumn: Map<Column, Issue[]>,
  left: ReadonlySet<string> | null,
): Map<Column, Issue[]> {
  if (!left) return byColumn;
  return new Map([...byColumn].filter(([column]) => left.has(column)));
}
