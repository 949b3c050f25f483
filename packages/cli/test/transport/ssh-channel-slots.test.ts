import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChannelSlots } from '../../src/transport/ssh-channel-slots.js';

/** A task that finishes (or fails) only when the test says so. */
function gate(): { promise: Promise<void>; open(): void; fail(): void } {
  let open!: () => void;
  let fail!: () => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error('task failed'));
  });
  return { promise, open, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('transport/ssh-channel-slots', () => {
  it('never runs more tasks at once than its limit, and runs every task (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        async (limit, failures) => {
          const slots = new ChannelSlots(limit);
          let running = 0;
          let highest = 0;
          const gates = failures.map(() => gate());
          const started: number[] = [];
          // Each outcome is taken as it settles: true when the task failed.
          const failed = failures.map((_, i) =>
            slots
              .use(async () => {
                started.push(i);
                running++;
                highest = Math.max(highest, running);
                try {
                  await gates[i]!.promise;
                } finally {
                  running--;
                }
              })
              .then(
                () => false,
                () => true,
              ),
          );
          // Finish the tasks in the order they started, failing some.
          for (let done = 0; done < failures.length; done++) {
            await settle();
            assert.equal(started.length, Math.min(failures.length, done + limit));
            const next = started[done]!;
            if (failures[next]) gates[next]!.fail();
            else gates[next]!.open();
          }
          assert.deepEqual(await Promise.all(failed), failures);
          assert.equal(highest, Math.min(limit, failures.length));
        },
      ),
    );
  });
});
