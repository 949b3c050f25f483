export * from './actions.js';
export * from './apply-with-one.js';
