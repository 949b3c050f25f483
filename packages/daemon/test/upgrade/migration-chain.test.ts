import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { resolveChain, type Migrator } from '../../src/upgrade/index.js';
import { compareVersions } from '../../src/version/index.js';

const step = (from: string, to: string): Migrator => ({
  from,
  to,
  description: `${from} to ${to}`,
  migrate: async () => undefined,
});

const version = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
  .map(([minor, patch]) => `7.${minor}.${patch}`);

describe('upgrade/migration-chain', () => {
  it('follows from → to, and finds nothing to do at the required version', () => {
    const chain = [step('7.4.0', '7.6.0'), step('7.2.0', '7.4.0')];
    assert.deepEqual(
      resolveChain('local', chain, '7.2.0', '7.6.0').map((m) => m.to),
      ['7.4.0', '7.6.0'],
    );
    assert.deepEqual(resolveChain('local', chain, '7.6.0', '7.6.0'), []);
  });

  it('refuses two migrators from one version, a gap, a step backwards, and overshooting', () => {
    const cases: [Migrator[], string, string, string][] = [
      [[step('7.2.0', '7.4.0'), step('7.2.0', '7.6.0')], '7.2.0', '7.6.0', 'shared.from'],
      [[step('7.2.0', '7.4.0')], '7.2.0', '7.6.0', 'shared.from'],
      [[step('7.4.0', '7.2.0')], '7.2.0', '7.6.0', 'shared.to'],
      [[step('7.2.0', '7.8.0')], '7.2.0', '7.6.0', 'shared.to'],
    ];
    for (const [chain, found, required, field] of cases) {
      assert.throws(() => resolveChain('shared', chain, found, required), {
        code: 'DB_UPGRADE',
        where: { field },
      });
    }
  });

  it('on any list of random versions, resolves a forward chain ending at the target or errors as specified', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(version, version), { maxLength: 8 }),
        version,
        version,
        (pairs, found, required) => {
          const migrators = pairs.map(([from, to]) => step(from, to));
          const froms = new Set(pairs.map(([from]) => from));
          const listBroken =
            froms.size !== pairs.length ||
            pairs.some(([from, to]) => compareVersions(to, from) <= 0);
          let steps: Migrator[];
          try {
            steps = resolveChain('local', migrators, found, required);
          } catch (err) {
            assert.equal((err as { code: string }).code, 'DB_UPGRADE');
            const field = (err as { where: { field: string } }).where.field;
            assert.ok(field === 'local.from' || field === 'local.to');
            if (listBroken) return;
            // A sound list fails only for a gap or a chain that passes the target.
            let v = found;
            while (compareVersions(v, required) < 0) {
              const next = pairs.find(([from]) => from === v);
              if (!next) return assert.equal(field, 'local.from');
              v = next[1];
            }
            return assert.equal(field, 'local.to');
          }
          assert.ok(!listBroken, 'a broken list must be refused');
          let v = found;
          for (const m of steps) {
            assert.equal(m.from, v);
            v = m.to;
          }
          assert.equal(v, required);
        },
      ),
      { numRuns: 500 },
    );
  });
});
