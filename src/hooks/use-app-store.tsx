/** React access to the store: one store per app (or per test), handed down by context. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useApp(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a StoreProvider above it.');
  return store;
}

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useApp(), selector);
}

/** Whether undo and redo have anything to do (for the header's buttons). */
export function useUndoState(): { canUndo: boolean; canRedo: boolean } {
  const temporal = useApp().temporal;
  const canUndo = useStore(temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(temporal, (t) => t.futureStates.length > 0);
  return { canUndo, canRedo };
}
