export * from './supervisor.js';
export * from './restart-delay.js';
