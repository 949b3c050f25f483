export * from './editor.js';
export * from './template-input.js';
