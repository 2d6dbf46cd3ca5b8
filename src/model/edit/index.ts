export * from './result';
export * from './rules';
export * from './groups';
export * from './world';
export * from './expectations';
export * from './nacls';
