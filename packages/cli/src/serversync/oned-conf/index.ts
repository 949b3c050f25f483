export * from './node-local-merge.js';
export * from './node-local-view.js';
export * from './oned-conf-sync.js';
export * from './template-layout.js';
export * from './text-edits.js';
export * from './federation-settings.js';
