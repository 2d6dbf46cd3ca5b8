/** Opening a scenario file: dropped anywhere on the page, or picked with "Open a file…". */
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../hooks/use-app-store';

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export function FileDrop() {
  const importFile = useAppStore((s) => s.importFile);
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
      const file = e.dataTransfer?.files[0];
      if (file) void bytesOf(file).then((b) => importFile(b, file.name));
    };
    window.addEventListener('dragover', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFile]);
  return over ? (
    <div className="drop-overlay" aria-hidden="true">
      Drop a scenario file to open it
    </div>
  ) : null;
}

/** The "Open a file…" button: a hidden file input behind a real button. */
export function OpenFileButton() {
  const importFile = useAppStore((s) => s.importFile);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Open a file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Scenario file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void bytesOf(file).then((b) => importFile(b, file.name));
        }}
      />
    </>
  );
}
