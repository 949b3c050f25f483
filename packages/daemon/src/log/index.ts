export * from './logger.js';
export * from './file-sink.js';
