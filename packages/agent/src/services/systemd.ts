// Service actions through systemd: `systemctl <action> <unit>`, and `systemctl is-active`
// for whether the unit runs. Only the configured services may be named, so a token cannot
// stop the SSH server.
import { OneKitError } from '@onekit/core';
import type { CommandRunner } from '../exec/index.js';
import type { ServiceAction, ServiceResult } from '../protocol/index.js';
import type { ServiceManager } from './service-manager.js';

export interface SystemdOptions {
  readonly services: readonly string[];
  readonly runner: CommandRunner;
}

export class Systemd implements ServiceManager {
  readonly kind = 'systemd' as const;

  constructor(private readonly options: SystemdOptions) {}

  async run(action: ServiceAction, name: string): Promise<ServiceResult> {
    if (!this.options.services.includes(name)) {
      throw new OneKitError('SERVICE_ACTION', `no service named ${name} is configured`, {
        field: name,
      });
    }
    if (action !== 'status') {
      const result = await this.options.runner('systemctl', [action, name]);
      if (result.exitCode !== 0) {
        const reason = result.stderr.trim().split('\n')[0] || `exit status ${result.exitCode}`;
        throw new OneKitError('SERVICE_ACTION', `systemctl ${action} ${name}: ${reason}`, {
          field: name,
        });
      }
    }
    // is-active exits 0 for an active unit and non-zero for anything else.
    const state = await this.options.runner('systemctl', ['is-active', name]);
    return { service: name, action, active: state.exitCode === 0, manager: this.kind };
  }

  async shutdown(): Promise<void> {}
}
