/** The page's side of open-worker.ts: files go over (their bytes moved, not copied), what they open comes back. */
import { partsJoiner, type Part } from './in-parts';
import type { BroughtFile, Opened } from './open-files';

/** From this many bytes, files are read in the worker (a megabyte of AWS JSON takes ~0.1 s). */
export const OPEN_IN_WORKER_BYTES = 1_000_000;

export interface OpenWorkerLike {
  postMessage(message: { files: BroughtFile[] }, transfer: Transferable[]): void;
  /** What was opened, in parts (in-parts). */
  onmessage: ((e: { data: Part }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

export function openInWorker(
  make: () => OpenWorkerLike,
  files: readonly BroughtFile[],
): Promise<Opened> {
  const worker = make();
  const join = partsJoiner<Opened>();
  return new Promise((resolve) => {
    worker.onmessage = (e) => {
      const opened = join(e.data);
      if (!opened) return;
      worker.terminate();
      resolve(opened);
    };
    worker.onerror = (e) => {
      worker.terminate();
      resolve({
        ok: false,
        message: `The files could not be read (${e.message ?? 'the reader stopped'}).`,
        notes: [],
      });
    };
    // a copy of each file's bytes travels; the caller's stay as they were
    const copies = files.map((f) => ({ ...f, bytes: f.bytes.slice() }));
    worker.postMessage(
      { files: copies },
      copies.map((f) => f.bytes.buffer),
    );
  });
}
