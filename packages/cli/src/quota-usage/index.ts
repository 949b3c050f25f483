export * from './vm-quota-columns.js';
