// Waiting for a condition of the zone with a deadline: the clock and the pause come from
// the caller (the command passes real ones; nothing here reads time by itself).
import { OneKitError } from '@onekit/core';

export interface Waiting {
  /** Milliseconds, monotonic. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly timeoutMs: number;
  /** Pause between two readings. */
  readonly intervalMs: number;
}

/**
 * Calls `problem` until it answers undefined; PLAN_REFUSED (field `step`) with the last
 * problem once the deadline has passed. A reading that throws counts as a problem.
 */
export async function waitUntil(
  step: string,
  problem: () => Promise<string | undefined>,
  w: Waiting,
): Promise<void> {
  const deadline = w.now() + w.timeoutMs;
  for (;;) {
    let last: string | undefined;
    try {
      last = await problem();
    } catch (err) {
      last = (err as Error).message;
    }
    if (last === undefined) return;
    if (w.now() >= deadline) {
      throw new OneKitError(
        'PLAN_REFUSED',
        `not within ${Math.round(w.timeoutMs / 1000)} s: ${last}`,
        { field: step },
      );
    }
    await w.sleep(w.intervalMs);
  }
}
