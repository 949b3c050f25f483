export * from './file-run-store.js';
export * from './preflight.js';
export * from './render.js';
export * from './run-plan.js';
export * from './run-record.js';
export * from './step.js';
