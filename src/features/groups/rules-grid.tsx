/**
 * One direction of a group's rules as an editable grid (TanStack Table v9) with the console's
 * columns. Every change applies at once through the store; an invalid row stays, marked, and the
 * engine leaves it out until it is fixed.
 */
import { createColumnHelper, FlexRender, tableFeatures, useTable } from '@tanstack/react-table';
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import { useGridKeyboard } from '../../hooks/use-grid-keyboard';
import {
  duplicateRule,
  ipVersionLabel,
  removeRule,
  updateRule,
  type Direction,
  type Finding,
  type Issue,
  type Rule,
  type Scenario,
  type SecurityGroup,
} from '../../model';
import { groupIssues, ruleFindings } from '../../store';
import {
  DescriptionCell,
  PeerCell,
  PortCell,
  ProtocolCell,
  TypeCell,
  type CellProps,
} from './rule-cells';
import { issuesByColumn, shownIssues, worstSeverity, type Column } from './rule-fields';

interface RowData {
  readonly rule: Rule;
  readonly index: number;
  readonly issues: ReadonlyMap<Column, Issue[]>;
  readonly findings: readonly Finding[];
}

interface GridContext {
  readonly scenario: Scenario;
  readonly group: SecurityGroup;
  readonly direction: Direction;
  readonly listId: string;
  readonly change: (rule: Rule, next: Rule, label: string) => void;
  readonly remove: (rule: Rule) => void;
  readonly duplicate: (rule: Rule) => void;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RowData>();

/**
 * What cells need beyond their row, handed down by context: the columns stay the same objects
 * for the table's life, so an edit re-renders cells instead of remounting 45 rows of inputs.
 */
const GridCtx = createContext<GridContext | null>(null);

function useGrid(): GridContext {
  const ctx = useContext(GridCtx);
  if (!ctx) throw new Error('rule cells render inside RulesGrid');
  return ctx;
}

function useCell(row: RowData): CellProps {
  const ctx = useGrid();
  return {
    rule: row.rule,
    direction: ctx.direction,
    issues: row.issues,
    change: (next, label) => ctx.change(row.rule, next, label),
  };
}

function IpVersion({ row }: { row: RowData }) {
  const { scenario } = useGrid();
  const pl = scenario.prefixLists?.find((p) => p.id === row.rule.prefixListId);
  return <>{ipVersionLabel(row.rule, pl?.addressFamily)}</>;
}
const Type = ({ row }: { row: RowData }) => <TypeCell {...useCell(row)} />;
const Protocol = ({ row }: { row: RowData }) => <ProtocolCell {...useCell(row)} />;
const Ports = ({ row }: { row: RowData }) => <PortCell {...useCell(row)} />;
const Description = ({ row }: { row: RowData }) => <DescriptionCell {...useCell(row)} />;
function Peer({ row }: { row: RowData }) {
  const ctx = useGrid();
  return (
    <PeerCell
      {...useCell(row)}
      scenario={ctx.scenario}
      findings={row.findings}
      listId={ctx.listId}
    />
  );
}
function PeerHeader() {
  return <>{useGrid().direction === 'inbound' ? 'Source' : 'Destination'}</>;
}
function Actions({ row }: { row: RowData }) {
  const ctx = useGrid();
  return (
    <span className="row-actions">
      <button type="button" tabIndex={-1} onClick={() => ctx.duplicate(row.rule)}>
        Duplicate
      </button>
      <button type="button" tabIndex={-1} onClick={() => ctx.remove(row.rule)}>
        Delete
      </button>
    </span>
  );
}

const COLUMNS = helper.columns([
  helper.display({
    id: 'id',
    header: 'Security group rule ID',
    cell: (c) => <span className="mono">{c.row.original.rule.id}</span>,
  }),
  helper.display({
    id: 'ip',
    header: 'IP version',
    cell: (c) => <IpVersion row={c.row.original} />,
  }),
  helper.display({ id: 'type', header: 'Type', cell: (c) => <Type row={c.row.original} /> }),
  helper.display({
    id: 'protocol',
    header: 'Protocol',
    cell: (c) => <Protocol row={c.row.original} />,
  }),
  helper.display({
    id: 'ports',
    header: 'Port range',
    cell: (c) => <Ports row={c.row.original} />,
  }),
  helper.display({
    id: 'peer',
    header: () => <PeerHeader />,
    cell: (c) => <Peer row={c.row.original} />,
  }),
  helper.display({
    id: 'description',
    header: 'Description',
    cell: (c) => <Description row={c.row.original} />,
  }),
  helper.display({
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    cell: (c) => <Actions row={c.row.original} />,
  }),
]);

/** A cell's column in words, shown beside it when a narrow panel stacks each rule as a card. */
function columnLabel(id: string, direction: Direction): string | undefined {
  const labels: Record<string, string> = {
    id: 'Rule ID',
    ip: 'IP version',
    type: 'Type',
    protocol: 'Protocol',
    ports: 'Port range',
    peer: direction === 'inbound' ? 'Source' : 'Destination',
    description: 'Description',
  };
  return labels[id];
}

/**
 * `freshId`: a rule just added with Add rule. It is a draft: focus starts in its first cell and
 * a column's problems show once the user has left it, not before anything is typed.
 */
export function RulesGrid({
  group,
  direction,
  freshId,
}: {
  group: SecurityGroup;
  direction: Direction;
  freshId?: string | null;
}) {
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const tbody = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    setLeft(new Set());
    if (!freshId) return;
    const row = tbody.current?.querySelector<HTMLElement>(`tr[data-rule-id="${freshId}"]`);
    const first = [...(row?.querySelectorAll<HTMLElement>('td') ?? [])].find(
      (td) => getComputedStyle(td).display !== 'none' && td.querySelector('select, input'),
    );
    first?.querySelector<HTMLElement>('select, input')?.focus();
  }, [freshId]);
  const scenario = useAppStore((s) => s.scenario);
  const edit = useAppStore((s) => s.edit);
  const highlight = useAppStore((s) => s.highlight);
  const groupIndex = scenario.securityGroups.indexOf(group);
  const issues = groupIssues(scenario, group.id);
  const findings = ruleFindings(scenario, group.id);
  const listId = `peers-${group.id}-${direction}`;
  const n = (rule: Rule) => group[direction].indexOf(rule) + 1;
  const dir = direction === 'inbound' ? 'inbound' : 'outbound';

  const data = useMemo(
    () =>
      group[direction].map((rule, index) => ({
        rule,
        index,
        issues: shownIssues(
          issuesByColumn(issues, `securityGroups[${groupIndex}].${direction}[${index}]`),
          rule.id === freshId ? left : null,
        ),
        findings: (rule.id && findings.get(rule.id)) || [],
      })),
    [group, direction, issues, findings, groupIndex, freshId, left],
  );
  const ctx = useMemo<GridContext>(
    () => ({
      scenario,
      group,
      direction,
      listId,
      change: (rule, next, label) =>
        edit('rules/update', `${label} (${dir} rule ${n(rule)} of ${group.name})`, (s) =>
          updateRule(s, group.id, direction, rule.id ?? '', next),
        ),
      remove: (rule) =>
        edit('rules/remove', `Delete ${dir} rule ${n(rule)} of ${group.name}`, (s) =>
          removeRule(s, group.id, direction, rule.id ?? ''),
        ),
      duplicate: (rule) =>
        edit('rules/duplicate', `Duplicate ${dir} rule ${n(rule)} of ${group.name}`, (s) =>
          duplicateRule(s, group.id, direction, rule.id ?? ''),
        ),
    }),
    // n and dir derive from group and direction
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scenario, group, direction, listId, edit],
  );
  const table = useTable({
    features,
    columns: COLUMNS,
    data,
    getRowId: (r) => r.rule.id ?? String(r.index),
  });
  const rows = table.getRowModel().rows;
  const grid = useGridKeyboard(rows.length, COLUMNS.length);
  const label = `${direction === 'inbound' ? 'Inbound' : 'Outbound'} rules of ${group.name}`;

  return (
    <GridCtx.Provider value={ctx}>
      <datalist id={listId}>
        {scenario.securityGroups
          .filter((g) => g.vpcId === group.vpcId)
          .map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        {(scenario.prefixLists ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </datalist>
      {rows.length > 0 && (
        <table
          className="rules grid stackable"
          role="grid"
          aria-label={label}
          aria-rowcount={rows.length + 1}
          ref={grid.gridRef}
          onKeyDown={grid.onKeyDown}
        >
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} scope="col" role="columnheader" data-column={h.column.id}>
                    <FlexRender header={h} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody
            ref={tbody}
            onBlur={(e) => {
              // a draft row's column counts as left once focus moves out of its cell
              const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-column]');
              const tr = td?.closest<HTMLElement>('tr');
              const col = td?.dataset.column;
              if (!col || tr?.dataset.ruleId !== freshId || td?.contains(e.relatedTarget as Node))
                return;
              setLeft((s) => (s.has(col) ? s : new Set([...s, col])));
            }}
          >
            {rows.map((row, r) => {
              const all = [...row.original.issues.values()].flat();
              const worst = worstSeverity(all);
              return (
                <tr
                  key={row.id}
                  data-rule-id={row.original.rule.id}
                  ref={
                    highlight?.groupId === group.id && highlight.ruleId === row.original.rule.id
                      ? (el) => el?.scrollIntoView({ block: 'nearest' })
                      : undefined
                  }
                  data-highlighted={
                    highlight?.groupId === group.id && highlight.ruleId === row.original.rule.id
                      ? 'true'
                      : undefined
                  }
                  aria-rowindex={r + 2}
                  aria-invalid={worst === 'error' || undefined}
                  className={
                    row.original.rule.id === freshId && worst !== 'error'
                      ? 'draft-row'
                      : worst === 'error'
                        ? 'invalid'
                        : row.original.findings.length > 0
                          ? 'flagged'
                          : undefined
                  }
                >
                  {row.getAllCells().map((cell, c) => (
                    <td
                      key={cell.id}
                      role="gridcell"
                      data-column={cell.column.id}
                      data-label={columnLabel(cell.column.id, direction)}
                      {...grid.cellProps(r, c)}
                    >
                      <FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </GridCtx.Provider>
  );
}
