export * from './acl-evaluate.js';
export * from './authorizer.js';
export * from './permissions.js';
export * from './require-authorized.js';
export * from './reverse-search.js';
