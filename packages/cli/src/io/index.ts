export * from './ansi.js';
export * from './iostreams.js';
export * from './progress.js';
export * from './read-input.js';
export * from './test-io.js';
