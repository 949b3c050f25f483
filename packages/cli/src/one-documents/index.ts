export * from './documents.js';
export * from './template-object.js';
