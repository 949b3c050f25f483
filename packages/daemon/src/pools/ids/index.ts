export * from './oid-allocator.js';
export * from './pool-control-guard.js';
