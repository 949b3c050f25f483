export * from './errors/index.js';
export * from './template/index.js';
export * from './xmlrpc/index.js';
export * from './xml/index.js';
export * from './paths/index.js';
export * from './auth/index.js';
export * from './config/index.js';
export * from './acl/index.js';
