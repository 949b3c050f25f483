export * from './atomic-write.js';
export * from './read-if-exists.js';
