export * from './parse.js';
export type { ConfigWarning } from './ruby-yaml.js';
export type { OneflowServerConfig } from './oneflow-server.js';
export type { OnegateServerConfig } from './onegate-server.js';
export type { EconeConfig } from './econe.js';
