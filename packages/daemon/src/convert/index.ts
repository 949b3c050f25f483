export * from './convert-database.js';
