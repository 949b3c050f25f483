export * from './ops.js';
export * from './messages.js';
export * from './limits.js';
export * from './content.js';
export * from './parse-request.js';
export * from './parse-response.js';
