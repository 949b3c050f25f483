export * from './group-reader.js';
export * from './group-record.js';
export * from './group-rows.js';
export * from './group-xml.js';
export * from './new-group.js';
export * from './group-access.js';
export * from './group-methods.js';
