export {
  createAppStore,
  UNDO_LIMIT,
  type AppState,
  type AppStore,
  type Notice,
  type NoticeAction,
  fileNameOf,
  type Selection,
  type SelectionKind,
  type StoreDeps,
  type Theme,
  type View,
} from './app-store';
export { MAX_FILE_BYTES } from '../interchange/file-text';
export { LEGACY_AUTOSAVE_KEY, MemoryAutosave, type AutosaveStorage } from './autosave';
export { type RecentEntry, type RecentStore } from './recent';
export { LINT_IN_WORKER_RULES, type LintView, type WorkerLike } from './lint';
export { OPEN_IN_WORKER_BYTES, type OpenWorkerLike } from './open-in-worker';
export { COUNT_WALKS_UP_TO, type Mark, type MatrixCells } from './matrix-cells';
export {
  aclFindingsOf,
  activityGoals,
  documentNotesOf,
  challengeLinkOf,
  effectiveRulesOf,
  endpointLabel,
  expectationResults,
  exposureOf,
  groupFindingsOf,
  lintView,
  worldIssuesView,
  type IssuesView,
  shareLinkOf,
  flowVerdict,
  inspectedVerdict,
  groupIssues,
  reachabilityOf,
  matrixCellsOf,
  prepareDocument,
  targetHealthOf,
  type TargetHealthRow,
  instanceIssues,
  instancesBySubnet,
  itemIssues,
  riskyPerSubnet,
  ruleFindings,
  type ExpectationResult,
} from './selectors';
export type { EffectiveRule, ExposedService } from '../engine';
export type { Inspected, PacketResult, Sent } from './simulation-slice';
export type { Connection, GoalState, Reachability, SuggestedFix } from '../engine';
export {
  type Activity,
  type ChallengeRun,
  type LessonProgress,
  type LessonRun,
  type ProgressRecord,
  type ProgressStore,
} from './learn-slice';
