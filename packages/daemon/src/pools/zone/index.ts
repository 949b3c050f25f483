export * from './zone.js';
export * from './zone-document.js';
export * from './zone-store.js';
export * from './zone-template.js';
export * from './object-name.js';
export * from './zone-servers.js';
export * from './solo-server-control.js';
export * from './health-probe.js';
