/**
 * Generates the large world off the main thread (`?scenario=large&instances=N`): at 60,000
 * instances it takes a third of a second, which the page spends showing how far it got.
 */
import { largeScenario, type LargeOptions } from '../model/large-scenario';
import { partsSender, type Part } from '../store/in-parts';

export type LargeRequest = Omit<LargeOptions, 'onProgress'>;
/** Progress, then the world in parts (store/in-parts): the page takes each in a task of its own. */
export type LargeMessage = { readonly progress: number } | { readonly part: Part };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LargeRequest>) => void) | null;
  postMessage(message: LargeMessage): void;
};

scope.onmessage = (e) => {
  const scenario = largeScenario({
    ...e.data,
    onProgress: (progress) => scope.postMessage({ progress }),
  });
  partsSender((part) => scope.postMessage({ part }))(scenario);
};
