export * from './acl-reader.js';
export * from './acl-rows.js';
export * from './acl-xml.js';
export * from './default-rules.js';
export * from './acl-cleanup.js';
export * from './acl-methods.js';
export * from './rule-components.js';
