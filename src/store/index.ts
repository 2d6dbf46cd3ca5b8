export { createAppStore, type AppState, type AppStore } from './app-store';
export { expectationResults, endpointLabel, type ExpectationResult } from './selectors';
