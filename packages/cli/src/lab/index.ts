export * from './lab-down.js';
export * from './lab-layout.js';
export * from './lab-processes.js';
export * from './lab-render.js';
export * from './lab-state.js';
export * from './lab-status.js';
export * from './lab-up.js';
