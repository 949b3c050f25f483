// Service restarts after a sync or a rollback: try-restart, so a stopped service stays
// stopped. A refused action is recorded (and reported) rather than ending the run: the
// files are already in place by then.
import { isOneKitError } from '@onekit/core';
import type { HostTransport } from '../transport/host-transport.js';
import type { RestartRecord } from './backup-manifest.js';

export async function tryRestart(
  transport: HostTransport,
  service: string,
): Promise<RestartRecord> {
  try {
    const result = await transport.service('try-restart', service);
    return { service, active: result.active };
  } catch (err) {
    if (isOneKitError(err, 'SERVICE_ACTION')) return { service, error: err.message };
    throw err;
  }
}
