/** Delete with one confirmation; a refusal (something still depends on it) is shown, not thrown. */
import { useState } from 'react';
import { FieldMessages } from '../../components/field-messages';
import { useAppStore } from '../../hooks/use-app-store';
import type { EditResult, Issue, Scenario } from '../../model';

export function DeleteButton({
  what,
  remove,
}: {
  what: string;
  remove: (s: Scenario) => EditResult;
}) {
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Issue | null>(null);
  return (
    <div className="actions">
      {confirming ? (
        <>
          <button
            type="button"
            className="danger"
            onClick={() => {
              const r = edit('world/remove', `Delete ${what}`, remove);
              setConfirming(false);
              if (r.ok) select(null);
              else setRefusal(r.issue);
            }}
          >
            Delete {what} for good
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete {what}
        </button>
      )}
      {refusal && (
        <div role="alert" className="span-2">
          <FieldMessages id={`delete-${what}`} issues={[refusal]} />
        </div>
      )}
    </div>
  );
}
