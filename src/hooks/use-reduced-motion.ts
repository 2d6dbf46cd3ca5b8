/** Whether the user asked for less motion: then nothing plays on its own and nothing moves. */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia?.(QUERY);
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

const current = (): boolean => window.matchMedia?.(QUERY).matches ?? false;

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, current, () => false);
}
