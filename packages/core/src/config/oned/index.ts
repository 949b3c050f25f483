export * from './model.js';
export * from './from-template.js';
export * from './parse.js';
export * from './render.js';
