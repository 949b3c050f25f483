export * from './bootstrap.js';
export * from './credential-files.js';
export * from './database-versions.js';
export * from './system-rows.js';
