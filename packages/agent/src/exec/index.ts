export * from './command-runner.js';
