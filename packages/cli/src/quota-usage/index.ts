export * from './vm-quota-columns.js';
export * from './vm-quota-table.js';
