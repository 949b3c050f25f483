export * from './state-check.js';
export * from './state-hash.js';
