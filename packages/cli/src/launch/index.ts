export * from './launch.js';
export * from './version.js';
