/**
 * The lint of a large document, off the main thread: the page sends what changed (lint-patch),
 * the worker keeps the document and the engine's caches, and answers with the findings.
 */
import { findings } from '../engine';
import type { Scenario } from '../model';
import { applyLintPatch, type LintPatch } from './lint-patch';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ seq: number; patch: LintPatch }>) => void) | null;
  postMessage(message: unknown): void;
};

let current: Scenario | null = null;

scope.onmessage = (e) => {
  current = applyLintPatch(current, e.data.patch);
  scope.postMessage({ seq: e.data.seq, list: findings(current) });
};
