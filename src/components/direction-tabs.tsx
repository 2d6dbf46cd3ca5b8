/**
 * Inbound and Outbound as tabs (one tab stop, arrows switch), as the console shows a security
 * group's or a network ACL's rules; the panel is the caller's, labelled by the chosen tab.
 */
import type { Direction } from '../model';

export const tabId = (prefix: string, d: Direction): string => `${prefix}tab-${d}`;
export const panelId = (prefix: string, d: Direction): string => `${prefix}panel-${d}`;

export function DirectionTabs({
  prefix,
  value,
  counts,
  onChange,
}: {
  /** keeps two tab lists on one page apart ('' for a group, 'acl-' for a network ACL) */
  prefix: string;
  value: Direction;
  counts: Readonly<Record<Direction, number>>;
  onChange: (d: Direction) => void;
}) {
  return (
    <div role="tablist" aria-label="Rule direction" className="tabs">
      {(['inbound', 'outbound'] as const).map((d) => (
        <button
          key={d}
          id={tabId(prefix, d)}
          role="tab"
          type="button"
          aria-selected={d === value}
          aria-controls={panelId(prefix, d)}
          tabIndex={d === value ? 0 : -1}
          onClick={() => onChange(d)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              const other = d === 'inbound' ? 'outbound' : 'inbound';
              onChange(other);
              document.getElementById(tabId(prefix, other))?.focus();
            }
          }}
        >
          {d === 'inbound' ? 'Inbound rules' : 'Outbound rules'} ({counts[d]})
        </button>
      ))}
    </div>
  );
}
