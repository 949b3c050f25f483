// Every LOG_PURGE_TIMEOUT seconds, on every server, old applied entries leave logdb: the
// newest LOG_RETENTION of each kind (local, federated) stay, at most LIMIT_PURGE go per run.
import type { RaftConfig } from '@onekit/core';
import type { Logger } from '../log/index.js';
import type { LogStore } from './log-store.js';

export interface PurgeTimerOptions {
  readonly log: LogStore;
  readonly raft: RaftConfig;
  readonly logger: Logger;
  /** Told after each purge that removed entries. */
  readonly onPurged?: () => Promise<void> | void;
}

/** Starts the periodic purge; returns the function that stops it (and waits for a run). */
export function startLogPurge(o: PurgeTimerOptions): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = async () => {
    const deleted = await o.log.purge({ keep: o.raft.logRetention, limit: o.raft.limitPurge });
    if (deleted > 0) {
      o.logger.info('DBM', `Purged ${deleted} log records.`);
      await o.onPurged?.();
    }
  };
  const timer = setInterval(() => {
    running ??= run()
      .catch((err) =>
        o.logger.error(
          'DBM',
          `Log purge failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
      .finally(() => (running = undefined));
  }, o.raft.logPurgeTimeoutSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
