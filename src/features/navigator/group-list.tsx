/**
 * The navigator's security groups. An account of a thousand groups is a find field and the first
 * matches: a thousand buttons made the first render of a large account a third of a second
 * longer, and a list that long is read by finding, not by scrolling.
 */
import { useDeferredValue, useId, useState } from 'react';
import { findQuery, groupFound } from '../../components/find';
import { formatCount, type SecurityGroup } from '../../model';
import { useAppStore } from '../../hooks/use-app-store';
import { Item, longList } from './nav-item';

/** Up to this many groups are all listed, and at most this many matches are. */
export const GROUPS_LISTED = 100;

/** A listed group's height, about (its name, id and rule counts). */
const GROUP_REM = 1.4;

export function GroupList({ groups }: { groups: readonly SecurityGroup[] }) {
  const [query, setQuery] = useState('');
  const find = useDeferredValue(findQuery(query));
  const selected = useAppStore((s) => (s.selection?.kind === 'group' ? s.selection.id : null));
  const hint = useId();
  const many = groups.length > GROUPS_LISTED;
  const matches = !many ? groups : groups.filter((g) => !find || groupFound(g, find));
  const shown = matches.slice(0, GROUPS_LISTED);
  // the group open in the editor stays in the list, found or not
  const open =
    selected && !shown.some((g) => g.id === selected)
      ? groups.find((g) => g.id === selected)
      : undefined;
  const more = matches.length - shown.length;
  return (
    <>
      {many && (
        <input
          type="search"
          className="nav-find"
          aria-label="Find a security group"
          aria-describedby={hint}
          placeholder={`Find among ${formatCount(groups.length)}: name or id`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      <ul {...longList(shown.length + (open ? 1 : 0), GROUP_REM, 'flat')}>
        {[...(open ? [open] : []), ...shown].map((g) => (
          <Item
            key={g.id}
            kind="group"
            id={g.id}
            extra={`${g.inbound.length} in · ${g.outbound.length} out`}
            label={g.name}
            code={g.id}
          />
        ))}
      </ul>
      {many && (
        <p id={hint} className="muted small" role="status">
          {matches.length === 0
            ? `No group's name or id holds “${query.trim()}”.`
            : more > 0
              ? `…and ${formatCount(more)} more: find them by name or id.`
              : `${formatCount(matches.length)} found.`}
        </p>
      )}
    </>
  );
}
