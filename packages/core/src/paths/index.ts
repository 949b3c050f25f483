export * from './layout.js';
export * from './inside.js';
export * from './user-one-dir.js';
