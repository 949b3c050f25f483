export * from './compute.js';
export * from './layout.js';
export * from './root-package.js';
export * from './write-roots.js';
