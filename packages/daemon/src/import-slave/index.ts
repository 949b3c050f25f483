export * from './backup-identities.js';
export * from './import-log.js';
export * from './import-plan.js';
export * from './import-slave.js';
export * from './merge-writes.js';
export * from './reown-local.js';
