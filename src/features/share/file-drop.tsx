/** Opening files: a scenario, AWS CLI output or a Terraform plan, dropped anywhere on the page or picked. */
import { useEffect, useState } from 'react';
import { FilePicker } from '../../components/file-picker';
import { useAppStore } from '../../hooks/use-app-store';
import { MAX_FILE_BYTES } from '../../store';

/** Every file of a drop or a pick, read: AWS output often comes as several files at once. */
export async function readFiles(list: FileList | null | undefined) {
  return Promise.all(
    [...(list ?? [])].map(async (f) =>
      // a file too large is refused by its size, unread (reading it is what would freeze the tab)
      f.size > MAX_FILE_BYTES
        ? { name: f.name, bytes: new Uint8Array(0), size: f.size }
        : { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) },
    ),
  );
}

export function FileDrop() {
  const openFiles = useAppStore((s) => s.openFiles);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const files = e.dataTransfer?.files;
      if (files?.length) void readFiles(files).then(openFiles);
    };
    window.addEventListener('dragover', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openFiles]);
  return over ? (
    <div className="drop-overlay" aria-hidden="true">
      Drop a scenario, challenge or lesson file, AWS CLI output or a Terraform plan to open it
    </div>
  ) : null;
}

/** The "Open a file…" button of the New menu. */
export function OpenFileButton() {
  const openFiles = useAppStore((s) => s.openFiles);
  return (
    <FilePicker
      label="Open a file…"
      inputLabel="Scenario file, AWS CLI output or Terraform JSON"
      multiple
      onFiles={(files) => void readFiles(files).then(openFiles)}
    />
  );
}
