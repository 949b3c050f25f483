import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { KeyedSections } from '../../src/storage/index.js';

describe('storage/keyed-sections', () => {
  it('never runs two sections that share a key, or anything beside an exclusive one', async () => {
    const section = fc.record({
      keys: fc.option(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }), {
        nil: undefined,
      }),
      ticks: fc.nat(3),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(section, { maxLength: 25 }), async (specs) => {
        const sections = new KeyedSections();
        const running = new Set<number>();
        const started: number[] = [];
        await Promise.all(
          specs.map((spec, n) => {
            const body = async () => {
              for (const other of running) {
                const a = specs[other]!.keys;
                const b = spec.keys;
                const clash =
                  !a || !b || a.length === 0 || b.length === 0 || a.some((k) => b.includes(k));
                assert.ok(!clash, `sections ${other} and ${n} ran together`);
              }
              running.add(n);
              started.push(n);
              for (let t = 0; t < spec.ticks; t++) await Promise.resolve();
              running.delete(n);
            };
            return spec.keys ? sections.runFor(spec.keys, body) : sections.run(body);
          }),
        );
        // Conflicting sections start in call order.
        for (let i = 0; i < specs.length; i++) {
          for (let j = i + 1; j < specs.length; j++) {
            const a = specs[i]!.keys;
            const b = specs[j]!.keys;
            const clash =
              !a || !b || a.length === 0 || b.length === 0 || a.some((k) => b.includes(k));
            if (clash) assert.ok(started.indexOf(i) < started.indexOf(j), `${j} overtook ${i}`);
          }
        }
      }),
    );
  });

  it('runs sections on different keys at the same time', async () => {
    const sections = new KeyedSections();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = sections.runFor(['user:1'], () => gate);
    const second = await sections.runFor(['user:2'], async () => 'ran while user:1 waits');
    release();
    await first;
    assert.equal(second, 'ran while user:1 waits');
  });

  it('goes on after a section fails', async () => {
    const sections = new KeyedSections();
    await assert.rejects(sections.runFor(['k'], async () => Promise.reject(new Error('boom'))));
    assert.equal(await sections.runFor(['k'], async () => 'next'), 'next');
  });
});
