export * from './host-transport.js';
export * from './agent-transport.js';
export * from './local-transport.js';
export * from './ssh-transport.js';
export * from './host-spec.js';
export * from './port-probe.js';
