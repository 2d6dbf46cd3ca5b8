/**
 * Opens large files off the main thread: reading and importing a busy account (tens of
 * megabytes, tens of thousands of instances and rules) takes seconds; the page says so meanwhile.
 */
import { openFiles, type BroughtFile, type Opened } from './open-files';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ files: BroughtFile[] }>) => void) | null;
  postMessage(message: Opened): void;
};

scope.onmessage = (e) => scope.postMessage(openFiles(e.data.files));
