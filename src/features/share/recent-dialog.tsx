/** Recent scenarios: every document worked on in this browser, to open, rename or delete. */
import { useCallback, useEffect, useState } from 'react';
import { useAppStore } from '../../hooks/use-app-store';
import type { RecentEntry } from '../../store';
import { Modal } from '../../components/modal';

export function RecentDialog() {
  const open = useAppStore((s) => s.dialog === 'recent');
  const openDialog = useAppStore((s) => s.openDialog);
  const workId = useAppStore((s) => s.workId);
  const listRecent = useAppStore((s) => s.listRecent);
  const openRecent = useAppStore((s) => s.openRecent);
  const removeRecent = useAppStore((s) => s.removeRecent);
  const renameRecent = useAppStore((s) => s.renameRecent);
  const [entries, setEntries] = useState<readonly RecentEntry[] | null>(null);
  const refresh = useCallback(() => void listRecent().then(setEntries), [listRecent]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);
  return (
    <Modal open={open} title="Recent scenarios" onClose={() => openDialog(null)}>
      <p className="muted small">
        Kept in this browser only. The scenario you are working on is always one of them.
      </p>
      {entries === null ? (
        <p className="empty">Reading…</p>
      ) : entries.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <ul className="recent-list">
          {entries.map((e) => (
            <li key={e.id}>
              <input
                aria-label={`Name of ${e.name}`}
                defaultValue={e.name}
                onBlur={(ev) => {
                  const name = ev.target.value.trim();
                  if (name && name !== e.name) void renameRecent(e.id, name).then(refresh);
                }}
              />{' '}
              <span className="muted small">
                {new Date(e.savedAt).toLocaleString()}
                {e.id === workId ? ' · open now' : ''}
              </span>{' '}
              {e.id !== workId && (
                <>
                  <button
                    type="button"
                    onClick={() => void openRecent(e.id).then((ok) => ok && openDialog(null))}
                  >
                    Open
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void removeRecent(e.id).then(refresh)}
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
