export * from './inventory.js';
export * from './allowed-roots.js';
export * from './backup.js';
export * from './host-files.js';
