export * from './group-document.js';
export * from './group-show.js';
export * from './group-table.js';
export * from './create-group.js';
