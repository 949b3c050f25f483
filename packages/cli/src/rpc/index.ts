export * from './one-api.js';
export * from './one-api-error.js';
export * from './xmlrpc-client.js';
