export * from './codes.js';
export * from './exit-codes.js';
