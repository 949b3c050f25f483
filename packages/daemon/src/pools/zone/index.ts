export * from './zone.js';
export * from './zone-document.js';
export * from './zone-store.js';
export * from './zone-template.js';
export * from './object-name.js';
