export * from './daemon-process.js';
export * from './frontend.js';
export * from './frontend-root.js';
export * from './pid-file.js';
export * from './location.js';
