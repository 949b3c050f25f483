export * from './command.js';
export * from './daemon.js';
export * from './daemon-config.js';
export * from './lock-file.js';
export * from './assemble-services.js';
