/** A whole number typed as a draft: applied on Enter or leaving the field, when it is in range. */
import { DraftInput } from './draft-input';

export function NumberDraft({
  label,
  value,
  min,
  max,
  onCommit,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (n: number) => void;
}) {
  const parse = (text: string): number | null => {
    const n = Number(text.trim());
    return /^\d+$/.test(text.trim()) && n >= min && n <= max ? n : null;
  };
  return (
    <DraftInput
      label={label}
      className="narrow"
      inputMode="numeric"
      value={String(value)}
      unstorable={`Type a whole number from ${min} to ${max}.`}
      check={(text) => (parse(text) === null ? null : [])}
      onCommit={(text) => {
        const n = parse(text);
        if (n !== null) onCommit(n);
      }}
    />
  );
}
