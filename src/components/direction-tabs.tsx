/**
 * Inbound and Outbound as tabs (one tab stop, arrows switch) over the chosen direction's panel,
 * as the console shows a security group's or a network ACL's rules.
 */
import type { ReactNode } from 'react';
import type { Direction } from '../model';

const tabId = (prefix: string, d: Direction): string => `${prefix}tab-${d}`;
const panelId = (prefix: string, d: Direction): string => `${prefix}panel-${d}`;

export function DirectionTabs({
  prefix,
  value,
  counts,
  onChange,
  children,
}: {
  /** keeps two tab lists on one page apart ('' for a group, 'acl-' for a network ACL) */
  prefix: string;
  value: Direction;
  counts: Readonly<Record<Direction, number>>;
  onChange: (d: Direction) => void;
  /** the panel of the chosen direction */
  children: ReactNode;
}) {
  return (
    <>
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
      <section
        role="tabpanel"
        id={panelId(prefix, value)}
        aria-labelledby={tabId(prefix, value)}
        className="rules-panel"
      >
        {children}
      </section>
    </>
  );
}
