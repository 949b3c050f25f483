export * from './acl-document.js';
export * from './acl-table.js';
export * from './rule-hex.js';
