/**
 * Generates the large world off the main thread (`?scenario=large&instances=N`): at 60,000
 * instances it takes a third of a second, which the page spends showing how far it got.
 */
import { largeScenario, type LargeOptions } from '../model/large-scenario';

export type LargeRequest = Omit<LargeOptions, 'onProgress'>;
export type LargeMessage =
  { readonly progress: number } | { readonly scenario: ReturnType<typeof largeScenario> };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LargeRequest>) => void) | null;
  postMessage(message: LargeMessage): void;
};

scope.onmessage = (e) => {
  const scenario = largeScenario({
    ...e.data,
    onProgress: (progress) => scope.postMessage({ progress }),
  });
  scope.postMessage({ scenario });
};
