export * from './column.js';
export * from './csv.js';
export * from './filter.js';
export * from './layout.js';
export * from './render-table.js';
export * from './state-color.js';
