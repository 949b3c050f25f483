export * from './user-document.js';
export * from './user-show.js';
export * from './user-table.js';
