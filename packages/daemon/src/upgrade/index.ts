export * from './local-7.6.1.js';
export * from './migration-chain.js';
export * from './migrator.js';
export * from './migrators.js';
export * from './previous-database.js';
export * from './previous-schema.js';
export * from './upgrade-database.js';
export * from './upgrade-marker.js';
