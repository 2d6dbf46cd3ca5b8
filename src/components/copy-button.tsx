/** Copies a text to the clipboard and says so ("Copied ✓", and for screen readers), until it changes. */
import { useState } from 'react';

export function CopyButton({
  text,
  label,
  primary = false,
}: {
  text: string;
  label: string;
  primary?: boolean;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const done = copied === text && text !== '';
  return (
    <>
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        disabled={!text}
        onClick={() =>
          void navigator.clipboard.writeText(text).then(
            () => setCopied(text),
            () => setCopied(null),
          )
        }
      >
        {done ? 'Copied ✓' : label}
      </button>
      <span className="sr-only" aria-live="polite">
        {done ? 'Copied.' : ''}
      </span>
    </>
  );
}
