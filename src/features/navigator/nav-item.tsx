/** One entry of the navigator: a button that selects its item, marked when it is the selection. */
import { memo, type CSSProperties } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import type { SelectionKind } from '../../store';

/** Memoised on plain props: a rule edit must not re-render 500 list items. */
export const Item = memo(function Item({
  kind,
  id,
  label,
  code,
  extra,
}: {
  kind: SelectionKind;
  id: string;
  label: string;
  code?: string | undefined;
  extra?: string | undefined;
}) {
  const current = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const on = current?.kind === kind && current.id === id;
  return (
    <li>
      <button
        type="button"
        className="nav-item"
        aria-current={on ? 'true' : undefined}
        onClick={() => select({ kind, id })}
      >
        <span>
          {label} {code && <span className="mono muted">{code}</span>}
        </span>
        {extra && <span className="nav-extra">{extra}</span>}
      </button>
    </li>
  );
});

/** From this many items a list is laid out only once scrolled near (CSS `content-visibility`). */
const DRAWN_NEAR_FROM = 20;

/**
 * A long list's class and its height until it is first drawn (items × an item's height): a large
 * account's navigator is 1,200 elements, most of them below the fold, and their style and layout
 * were half of its first frame.
 */
export function longList(
  items: number,
  itemRem: number,
  className?: string,
): { className?: string; style?: CSSProperties } {
  if (items < DRAWN_NEAR_FROM) return className ? { className } : {};
  return {
    className: className ? `${className} drawn-near` : 'drawn-near',
    style: { containIntrinsicSize: `auto ${(items * itemRem).toFixed(1)}rem` },
  };
}
