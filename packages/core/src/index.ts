export * from './errors/index.js';
export * from './template/index.js';
export * from './paths/index.js';
export * from './auth/index.js';
export * from './config/index.js';
