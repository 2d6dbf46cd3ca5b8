/** One entry of the navigator: a button that selects its item, marked when it is the selection. */
import { memo } from 'react';
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
