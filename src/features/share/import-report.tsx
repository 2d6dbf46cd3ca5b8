/** What the last import could not map as it is: listed, never dropped silently. */
import { useAppStore } from '../../hooks/use-app-store';
import { Modal } from '../../components/modal';

export function ImportReport() {
  const open = useAppStore((s) => s.dialog === 'import-report');
  const openDialog = useAppStore((s) => s.openDialog);
  const report = useAppStore((s) => s.importReport);
  return (
    <Modal open={open} title="Import report" onClose={() => openDialog(null)}>
      <p className="muted small">
        Everything the files held that SG Lab could not take over as it is. The scenario was built
        without it, or with a stand-in where the files only named something.
      </p>
      <ul className="import-report">
        {(report ?? []).map((n, i) => (
          <li key={i}>
            <strong>{n.file}</strong>: {n.message}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
