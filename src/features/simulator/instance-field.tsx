/**
 * An instance picked by typing its name, id or private IP, for worlds too large for a list: the
 * suggestions are the first matches of what is typed, so the page never holds thousands of options.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { findQuery, instanceFound } from '../../components/find';
import type { Instance } from '../../model';

/** Suggestions shown under the field, at most. */
const SUGGESTED = 50;

/** The instance the text names exactly (name, then id, then private IP), if any. */
export function instanceNamed(instances: readonly Instance[], text: string): Instance | undefined {
  const t = findQuery(text);
  if (!t) return undefined;
  return (
    instances.find((i) => (i.name ?? i.id).toLowerCase() === t) ??
    instances.find((i) => i.id.toLowerCase() === t || i.privateIp === t)
  );
}

function suggestions(instances: readonly Instance[], text: string): Instance[] {
  const q = findQuery(text);
  const out: Instance[] = [];
  for (const i of instances) {
    if (out.length >= SUGGESTED) break;
    if (!q || instanceFound(i, q)) out.push(i);
  }
  return out;
}

export function InstanceField({
  label,
  instances,
  value,
  onChange,
}: {
  /** "From" or "To": the field is "From instance". */
  label: string;
  instances: readonly Instance[];
  /** The instance id chosen, or '' while the text names none. */
  value: string;
  onChange: (instanceId: string) => void;
}) {
  const listId = useId();
  const [text, setText] = useState(() => {
    const inst = instances.find((i) => i.id === value);
    return inst ? (inst.name ?? inst.id) : '';
  });
  const typed = useDeferredValue(text);
  const shown = useMemo(() => suggestions(instances, typed), [instances, typed]);
  const unknown = text.trim() !== '' && !value;
  return (
    <>
      <input
        aria-label={`${label} instance`}
        list={listId}
        value={text}
        placeholder="name, id or IP"
        aria-invalid={unknown || undefined}
        title={unknown ? `No instance is named ${text.trim()}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(instanceNamed(instances, e.target.value)?.id ?? '');
        }}
      />
      <datalist id={listId}>
        {shown.map((i) => (
          <option key={i.id} value={i.name ?? i.id}>
            {i.id} · {i.privateIp}
          </option>
        ))}
      </datalist>
    </>
  );
}
