export * from './agent-token.js';
