/** The engine's public face (scenario-format.md): used by the UI, the command line, tests and benchmarks. */
export { evaluateFlow, evaluateDetail, type FlowDetail, type PairFocus } from './evaluate';
export { compile, compileGroup, compileInSteps, type Compiled } from './compile';
export { targetHealth, type TargetHealth } from './lb-path';
export {
  computeReachability,
  matrixEndpoints,
  prepareReachability,
  type Reachability,
  type Service,
} from './reachability';
export { referenceAllowed } from './reference';
export { findings, groupFindings, networkAclFindings } from './findings';
export { exposure, exposureInSteps, exposureKeysToCompare, type ExposedService } from './exposure';
export { runSteps, runStepsFor, type Steps } from './steps';
export { effectiveRules, type EffectiveRule } from './effective-rules';
// suggestFix and applyFix are imported from './fix' where a trace is shown (store/fix.ts): through
// this index they were drawn into the first paint's chunk
export type { SuggestedFix } from './fix';
export { createSimulation, TIMEOUTS, type Connection, type Simulation } from './simulation';
export { checkGoals, type GoalState, type SentFlow } from './goals';
export { verifyLesson, type LessonVerdict, type StepVerdict } from './verify-lesson';
