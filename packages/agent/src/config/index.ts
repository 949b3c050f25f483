export * from './agent-config.js';
export * from './load-agent-config.js';
