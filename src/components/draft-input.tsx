/**
 * A text field that edits a draft: messages update as you type, the value is committed on Enter
 * or when focus leaves, Escape puts the stored value back. A draft that cannot be stored at all
 * (letters in a port) stays on screen with its message instead of being lost.
 */
import { useId, useRef, useState, type InputHTMLAttributes } from 'react';
import type { Issue } from '../model';
import { FieldMessages } from './field-messages';

export interface DraftInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'onBlur'
> {
  readonly value: string;
  readonly label: string;
  /** Issues of the stored value (shown while not editing). */
  readonly issues?: readonly Issue[] | undefined;
  /** Issues of a draft as typed; null when it cannot be stored (then it is not committed). */
  readonly check: (draft: string) => readonly Issue[] | null;
  readonly onCommit: (draft: string) => void;
  readonly inGrid?: boolean;
  readonly unstorable?: string;
}

export function DraftInput({
  value,
  label,
  issues,
  check,
  onCommit,
  inGrid = false,
  unstorable = 'This value cannot be stored.',
  ...rest
}: DraftInputProps) {
  const [draft, setDraftState] = useState<string | null>(null);
  // the latest draft, read by blur right after Enter committed it (state is not updated yet)
  const latest = useRef<string | null>(null);
  const setDraft = (d: string | null) => {
    latest.current = d;
    setDraftState(d);
  };
  const id = useId();
  const shown = draft ?? value;
  const checked = draft === null ? null : check(draft);
  const messages: readonly Issue[] | undefined =
    draft === null
      ? issues
      : (checked ?? [{ code: 'Unstorable', message: unstorable, path: '', severity: 'error' }]);
  const commit = (text: string) => {
    if (text === value) return setDraft(null);
    if (check(text) === null) return; // keep the draft and its message
    onCommit(text);
    setDraft(null);
  };
  const bad = messages?.some((m) => m.severity === 'error');
  return (
    <div className="draft">
      <input
        {...rest}
        aria-label={label}
        aria-invalid={bad || undefined}
        aria-describedby={messages && messages.length > 0 ? `${id}-msg` : undefined}
        tabIndex={inGrid ? -1 : 0}
        value={shown}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => latest.current !== null && commit(latest.current)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (latest.current !== null) commit(latest.current);
            (e.currentTarget.closest('[data-row]') as HTMLElement | null)?.focus();
          } else if (e.key === 'Escape') setDraft(null);
        }}
      />
      <FieldMessages
        id={`${id}-msg`}
        issues={messages}
        inGrid={inGrid}
        onFix={(fix) => {
          onCommit(fix);
          setDraft(null);
        }}
      />
    </div>
  );
}
