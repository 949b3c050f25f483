export * from './host-versions.js';
export * from './os-release.js';
export * from './schema-versions.js';
