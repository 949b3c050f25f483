export * from './authenticator.js';
export * from './credential-cache.js';
export * from './local-credentials.js';
