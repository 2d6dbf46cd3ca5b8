/**
 * The reachability matrix of a large document, off the main thread: the page sends what changed
 * (doc-patch) and the window in view, the worker answers its cells and counts (reach-answerer).
 */
import { partsJoiner, partsSender, type Part } from './in-parts';
import { nextTask } from './next-task';
import { reachAnswerer, type ReachRequest } from './reach-answerer';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Part>) => void) | null;
  postMessage(message: Part): void;
};

const join = partsJoiner<ReachRequest>();
const send = partsSender((part) => scope.postMessage(part));
const answerer = reachAnswerer(send, (run) => void nextTask().then(run));

scope.onmessage = (e) => {
  const request = join(e.data);
  if (request) answerer.receive(request);
};
