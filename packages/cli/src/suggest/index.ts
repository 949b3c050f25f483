export * from './closest.js';
export * from './edit-distance.js';
export * from './unknown-command.js';
