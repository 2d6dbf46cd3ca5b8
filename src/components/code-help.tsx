/** A `?` beside a word or reason code: opens its glossary entry in Help. */
import { useAppStore } from '../hooks/use-app-store';
import { glossaryEntry } from '../model';

export function CodeHelp({ entry }: { entry: string }) {
  const openHelp = useAppStore((s) => s.openHelp);
  const e = glossaryEntry(entry);
  if (!e) return null;
  return (
    <button
      type="button"
      className="code-help"
      aria-label={`What is ${e.term}?`}
      title={e.text}
      onClick={() => openHelp(entry)}
    >
      ?
    </button>
  );
}
