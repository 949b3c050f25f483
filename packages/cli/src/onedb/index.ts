export * from './connection-flags.js';
export * from './onedb-command.js';
export * from './onedb-text.js';
export * from './offline-database.js';
export * from './database-copy-command.js';
export * from './slave-database.js';
