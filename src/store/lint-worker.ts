/**
 * The lint of a large document, off the main thread: the page sends what changed (doc-patch),
 * the worker keeps the document and the engine's caches, and answers with the findings and the
 * world's issues (what changed since its last answer, lint-answer).
 */
import { findings } from '../engine';
import { validateWorld, type Scenario } from '../model';
import { partsJoiner, partsSender, type Part } from './in-parts';
import type { LintRequest } from './lint';
import { answerEncoder } from './lint-answer';
import { applyDocPatch } from './doc-patch';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Part>) => void) | null;
  postMessage(message: Part): void;
};

let current: Scenario | null = null;
const answer = answerEncoder();
const join = partsJoiner<LintRequest>();
const send = partsSender((part) => scope.postMessage(part));

scope.onmessage = (e) => {
  const request = join(e.data);
  if (!request) return;
  current = applyDocPatch(current, request.patch);
  send(answer(request.seq, findings(current), validateWorld(current)));
};
