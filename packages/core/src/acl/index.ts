export * from './acl-rule.js';
export * from './acl-string.js';
export * from './object-types.js';
export * from './rights.js';
