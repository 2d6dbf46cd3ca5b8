/**
 * The lint of a large document, off the main thread: the page sends what changed (lint-patch),
 * the worker keeps the document and the engine's caches, and answers with the findings and the
 * world's issues (what changed since its last answer, lint-answer).
 */
import { findings } from '../engine';
import { validateWorld, type Scenario } from '../model';
import { answerEncoder, type LintAnswer } from './lint-answer';
import { applyLintPatch, type LintPatch } from './lint-patch';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ seq: number; patch: LintPatch }>) => void) | null;
  postMessage(message: LintAnswer): void;
};

let current: Scenario | null = null;
const answer = answerEncoder();

scope.onmessage = (e) => {
  current = applyLintPatch(current, e.data.patch);
  scope.postMessage(answer(e.data.seq, findings(current), validateWorld(current)));
};
