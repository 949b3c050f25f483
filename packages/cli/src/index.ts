// The cli package's public API: what other packages and the scenario tests build on.
export * from './command/index.js';
export * from './config-check/index.js';
export * from './executables/index.js';
export * from './exit/index.js';
export * from './io/index.js';
export * from './layout/index.js';
export * from './prompt/index.js';
export * from './suggest/index.js';
export * from './table/index.js';
export * from './template-convert/index.js';
