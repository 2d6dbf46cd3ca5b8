/**
 * Opens large files off the main thread: reading and importing a busy account (tens of
 * megabytes, tens of thousands of instances and rules) takes seconds; the page says so meanwhile.
 */
import { partsSender, type Part } from './in-parts';
import { openFiles, type BroughtFile } from './open-files';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ files: BroughtFile[] }>) => void) | null;
  postMessage(message: Part): void;
};

// what was opened goes back in parts: the page takes tens of thousands of instances a slice a task
const send = partsSender((part) => scope.postMessage(part));
scope.onmessage = (e) => send(openFiles(e.data.files));
