export * from './fed-join-plan.js';
export * from './fed-master-plan.js';
export * from './federation-access.js';
export * from './federation-checks.js';
export * from './federation-host-steps.js';
export * from './federation-zone-steps.js';
export * from './federation-flags.js';
