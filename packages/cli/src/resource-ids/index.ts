export * from './id-arguments.js';
