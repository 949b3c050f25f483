export * from './connection-flags.js';
export * from './onedb-command.js';
export * from './onedb-text.js';
