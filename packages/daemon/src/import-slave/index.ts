export * from './import-plan.js';
export * from './import-slave.js';
