/** A fieldset of checkboxes choosing ids from a list (subnets, groups, targets …). */
import type { ReactNode } from 'react';

export function CheckList({
  legend,
  items,
  checked,
  onToggle,
}: {
  legend: ReactNode;
  items: readonly { readonly id: string; readonly label: ReactNode }[];
  checked: readonly string[];
  onToggle: (id: string, on: boolean) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((item) => (
        <label key={item.id} className="check">
          <input
            type="checkbox"
            checked={checked.includes(item.id)}
            onChange={(e) => onToggle(item.id, e.target.checked)}
          />
          {item.label}
        </label>
      ))}
    </fieldset>
  );
}
