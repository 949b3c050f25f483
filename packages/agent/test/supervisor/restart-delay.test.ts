import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultRestartPolicy, restartDelay } from '../../src/supervisor/index.js';

describe('supervisor/restart-delay', () => {
  it('doubles from the first delay', () => {
    const policy = { ...defaultRestartPolicy, initialDelayMs: 100, maxDelayMs: 1000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((n) => restartDelay(n, policy)),
      [100, 200, 400, 800, 1000, 1000],
    );
  });

  it('never shrinks and never passes the ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 200 }),
        (initial, max, attempt) => {
          const policy = {
            ...defaultRestartPolicy,
            initialDelayMs: initial,
            maxDelayMs: Math.max(initial, max),
          };
          const now = restartDelay(attempt, policy);
          assert.ok(now <= policy.maxDelayMs);
          assert.ok(now >= Math.min(initial, policy.maxDelayMs));
          assert.ok(restartDelay(attempt + 1, policy) >= now);
        },
      ),
    );
  });
});
