export * from './config.js';
export * from './database.js';
export * from './errors.js';
export * from './open-database.js';
export * from './schema/index.js';
export * from './serial-queue.js';
export * from './values.js';
export * from './write-op.js';
