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
export { validateWorld } from './validate-world';
export * from './parse-scenario';
export * from './edit';
