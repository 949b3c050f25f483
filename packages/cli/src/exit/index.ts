export * from './exit-status.js';
export * from './report.js';
