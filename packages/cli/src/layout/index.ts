export * from './paths-report.js';
