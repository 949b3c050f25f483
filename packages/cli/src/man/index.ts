export * from './files.js';
export * from './inputs.js';
export * from './man-page.js';
export * from './roff.js';
export * from './write-man-pages.js';
