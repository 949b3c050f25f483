export * from './raft-probe.js';
export * from './zone-document.js';
export * from './zone-list.js';
export * from './zone-set.js';
export * from './zone-show.js';
export * from './zone-table.js';
export * from './zone-action-command.js';
