// How long the supervisor waits before starting a service that exited on its own again:
// doubling from the first delay up to a ceiling, so a crashing program does not spin.

export interface RestartPolicy {
  /** Wait before the first restart after a crash. */
  readonly initialDelayMs: number;
  /** The longest wait. */
  readonly maxDelayMs: number;
  /** A run at least this long counts as healthy: the next crash starts the count again. */
  readonly healthyAfterMs: number;
  /** Consecutive crashes after which the supervisor gives up until the next start. */
  readonly maxRestarts: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  healthyAfterMs: 30_000,
  maxRestarts: 10,
};

/** The wait before restart number `attempt` (1 for the first). */
export function restartDelay(attempt: number, policy: RestartPolicy): number {
  const doubled = policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(doubled, policy.maxDelayMs);
}
