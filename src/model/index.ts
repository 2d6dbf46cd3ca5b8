/** The model's public face: scenario types, parsing, validation, presets and pure edits. */
export * from './types';
export * from './verdict';
export * from './finding';
export * from './issue';
export * from './cidr';
export * from './protocol';
export * from './icmp';
export * from './presets';
export * from './rule';
export * from './quotas';
export * from './defaults';
export * from './ids';
export * from './subnet-addresses';
export * from './validate-rule';
export * from './validate-scenario';
export { validateInstanceAt, validateWorld } from './validate-world';
export * from './parse-scenario';
export { LIMITS } from './schema';
export * from './parse-flow';
export * from './json-text';
export * from './glossary';
export * from './edit';
export * from './flow-services';
export { instanceById, instancePositions } from './instance-positions';
export { perObject } from './per-object';
export { formatCount } from './format-count';
// lessons and challenges are read only where one is opened (lazy chunks, the command line): their
// readers are imported from './lesson' directly, so the first paint does not carry them
export type {
  Challenge,
  Count,
  FlowGoal,
  Goal,
  Lesson,
  LessonStep,
  Parsed,
  Predict,
} from './lesson';
export { stepSolution, worldBefore } from './lesson-steps';
export { NACL_ENTRY_QUOTA, naclEntryIssues, validateNaclEntry } from './validate-nacl';
export * from './nacl-entry';
