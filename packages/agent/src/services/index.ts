export * from './service-manager.js';
export * from './systemd.js';
export * from './create-service-manager.js';
