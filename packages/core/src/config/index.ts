export * from './oned/index.js';
export * from './services/index.js';
export { readConfigFile } from './read-config-file.js';
