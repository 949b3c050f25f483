export * from './dispatch.js';
export * from './faults.js';
export * from './http-server.js';
export * from './params.js';
export * from './router.js';
