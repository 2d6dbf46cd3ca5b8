/** The page's side of open-worker.ts: files go over (their bytes moved, not copied), what they open comes back. */
import type { BroughtFile, Opened } from './open-files';

/** From this many bytes, files are read in the worker (a megabyte of AWS JSON takes ~0.1 s). */
export const OPEN_IN_WORKER_BYTES = 1_000_000;

export interface OpenWorkerLike {
  postMessage(message: { files: BroughtFile[] }, transfer: Transferable[]): void;
  onmessage: ((e: { data: Opened }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

export function openInWorker(
  make: () => OpenWorkerLike,
  files: readonly BroughtFile[],
): Promise<Opened> {
  const worker = make();
  return new Promise((resolve) => {
    worker.onmessage = (e) => {
      worker.terminate();
      resolve(e.data);
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
