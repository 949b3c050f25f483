export * from './action-command.js';
export * from './api-command.js';
export * from './api-settings.js';
export * from './flags.js';
export * from './list-command.js';
export * from './list-options.js';
export * from './one-command.js';
export * from './output.js';
