export * from './agent-operations.js';
export * from './request-processor.js';
export * from './host-operations.js';
