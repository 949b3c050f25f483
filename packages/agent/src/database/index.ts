export * from './onedb.js';
