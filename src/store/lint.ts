/**
 * The lint of the document: its findings, and its issues (what AWS would refuse or warn about).
 * A small document is linted where it is asked for, within a frame; a large one (thousands of
 * rules: an imported account) goes to a worker, and until the answer for the current document
 * arrives the last lists are shown as pending.
 */
import type { Finding, Issue, Scenario } from '../model';
import { ruleCount } from '../model';
import { answerDecoder, type LintAnswer } from './lint-answer';
import { partsJoiner, partsSender, type Part } from './in-parts';
import { diffDoc, type DocPatch } from './doc-patch';

/** Above this many rules the first lint can pass 50 ms: it runs off the main thread. */
export const LINT_IN_WORKER_RULES = 5000;

/** What the page asks: a document as the patch since the last one. */
export interface LintRequest {
  readonly seq: number;
  readonly patch: DocPatch;
}

/** Both ways, a message travels in parts (in-parts): a first document is 60,000 instances. */
export interface WorkerLike {
  postMessage(message: Part): void;
  onmessage: ((e: { data: Part }) => void) | null;
  /** The worker stopped (its script failed to load or threw). */
  onerror?: ((e: { message?: string; preventDefault?(): void }) => void) | null;
}

export interface LintResult {
  readonly scenario: Scenario;
  readonly list: readonly Finding[];
  readonly issues: readonly Issue[];
}

export interface LintView {
  readonly list: readonly Finding[];
  /** True while the list shown is of an earlier version of the document. */
  readonly pending: boolean;
}

export const runsInWorker = (s: Scenario): boolean => ruleCount(s) > LINT_IN_WORKER_RULES;

/** Sends each new large document to the worker; `onResult` receives the findings of the newest. */
export function lintClient(worker: WorkerLike, onResult: (r: LintResult) => void) {
  let seq = 0;
  let sent: Scenario | null = null;
  const pending = new Map<number, Scenario>();
  const decode = answerDecoder();
  const join = partsJoiner<LintAnswer>();
  const send = partsSender((part) => worker.postMessage(part));
  worker.onmessage = (e) => {
    const answer = join(e.data);
    if (!answer) return;
    // every answer is rebuilt, a late one too: the next is told against it
    const lists = decode(answer);
    const s = pending.get(answer.seq);
    if (!s) return;
    for (const k of pending.keys()) if (k <= answer.seq) pending.delete(k);
    if (answer.seq === seq) onResult({ scenario: s, ...lists });
  };
  return {
    lint(s: Scenario) {
      if (s === sent) return;
      pending.set(++seq, s);
      send({ seq, patch: diffDoc(sent, s) } satisfies LintRequest);
      sent = s;
    },
  };
}
