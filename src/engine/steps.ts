/**
 * Work written as a generator that yields how far it got (0 to 1): a large document's first
 * read is driven a slice per frame by the page, and every other caller runs it through at once.
 */
export type Steps<T> = Generator<number, T>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs steps for about `budgetMs` (one step at least): the result, or how far they got. */
export function runStepsFor<T>(steps: Steps<T>, budgetMs: number): IteratorResult<number, T> {
  const start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done || performance.now() - start >= budgetMs) return r;
  }
}
