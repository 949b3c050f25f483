export * from './convert.js';
export * from './template-json.js';
