/**
 * The app's state, built by a factory so every test gets a fresh store (architecture.md).
 * Document state is the scenario; ui state is what is selected. Derived data lives in selectors.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../model';

export interface AppState {
  readonly scenario: Scenario;
  readonly selectedGroupId: string | null;
  readonly selectGroup: (id: string | null) => void;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(initial: Scenario): AppStore {
  return createStore<AppState>()((set) => ({
    scenario: initial,
    selectedGroupId: initial.securityGroups.find((g) => g.name !== 'default')?.id ?? null,
    selectGroup: (id) => set({ selectedGroupId: id }),
  }));
}
