export * from './tables.js';
export * from './ddl.js';
