export * from './agent-server.js';
