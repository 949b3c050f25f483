// What carries out a service action on a host: systemd, or the agent's own supervisor.
import type { ServiceAction, ServiceManagerKind, ServiceResult } from '../protocol/index.js';

export interface ServiceManager {
  readonly kind: ServiceManagerKind;
  run(action: ServiceAction, name: string): Promise<ServiceResult>;
  /**
   * Stops what this manager runs as its own children (the supervisor of a long-running
   * agent) and cancels pending restarts; services under systemd keep running.
   */
  shutdown(): Promise<void>;
}
