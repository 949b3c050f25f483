export * from './arguments.js';
export * from './command.js';
export * from './io.js';
export * from './once.js';
export * from './serve.js';
