export * from './show-layout.js';
