/** A managed prefix list: its entries (CIDR blocks of one family) and its maximum size. */
import { DraftInput } from '../../components/draft-input';
import { NumberDraft } from '../../components/number-draft';
import { useAppStore } from '../../hooks/use-app-store';
import { useWorldIssues } from '../../hooks/use-world-issues';
import { removePrefixList, updateItem, validateWorld, type PrefixList } from '../../model';
import { itemIssues } from '../../store';
import { DeleteButton } from './delete-button';
import { WorldField } from './world-field';

export function PrefixListEditor({ list }: { list: PrefixList }) {
  const scenario = useAppStore((s) => s.scenario);
  const checked = useWorldIssues();
  const edit = useAppStore((s) => s.edit);
  const issues = itemIssues(checked, scenario, 'prefixLists', list.id);
  const index = (scenario.prefixLists ?? []).indexOf(list);
  const setEntries = (entries: PrefixList['entries'], what: string) =>
    edit('world/update', `${what} in ${list.name}`, (s) =>
      updateItem(s, 'prefixLists', list.id, { entries }),
    );
  return (
    <article className="details" aria-labelledby="pl-title">
      <h2 id="pl-title">
        Prefix list {list.name} <span className="mono muted">{list.id}</span>
      </h2>
      <p className="small muted">
        A rule that references it matches any of its entries, and counts as{' '}
        {list.maxEntries ?? list.entries.length} rules (its maximum size) toward the group’s quota.
      </p>
      <div className="form-grid">
        <WorldField
          collection="prefixLists"
          id={list.id}
          field="name"
          label="Name"
          value={list.name}
        />
        <span>Address family</span>
        <span>{list.addressFamily}</span>
        <span>Max entries</span>
        <NumberDraft
          label="Max entries"
          value={list.maxEntries ?? list.entries.length}
          min={1}
          max={1000}
          onCommit={(n) =>
            edit('world/update', `Set the max entries of ${list.name} to ${n}`, (s) =>
              updateItem(s, 'prefixLists', list.id, { maxEntries: n }),
            )
          }
        />
      </div>
      <h3>Entries</h3>
      <ul className="entries">
        {list.entries.map((entry, j) => (
          <li key={j}>
            <DraftInput
              label={`Entry ${j + 1} CIDR`}
              className="mono"
              value={entry.cidr}
              issues={issues.get(`entries[${j}].cidr`)}
              check={(v) => {
                const entries = list.entries.map((x, k) =>
                  k === j ? { ...x, cidr: v.trim() } : x,
                );
                const next = {
                  ...scenario,
                  prefixLists: (scenario.prefixLists ?? []).map((p) =>
                    p === list ? { ...p, entries } : p,
                  ),
                };
                return validateWorld(next).filter(
                  (i) => i.path === `prefixLists[${index}].entries[${j}].cidr`,
                );
              }}
              onCommit={(v) =>
                setEntries(
                  list.entries.map((x, k) => (k === j ? { ...x, cidr: v.trim() } : x)),
                  `Set entry ${j + 1} to ${v.trim()}`,
                )
              }
            />
            <button
              type="button"
              onClick={() =>
                setEntries(
                  list.entries.filter((_, k) => k !== j),
                  `Remove ${entry.cidr}`,
                )
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {issues.get('entries') && <p className="msg error">{issues.get('entries')?.[0]?.message}</p>}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            setEntries(
              [
                ...list.entries,
                { cidr: list.addressFamily === 'IPv4' ? '192.0.2.0/24' : '2001:db8::/48' },
              ],
              'Add an entry',
            )
          }
        >
          + Add entry
        </button>
      </div>
      <DeleteButton what={list.name} remove={(s) => removePrefixList(s, list.id)} />
    </article>
  );
}
