import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { testIO } from '../../src/io/index.js';
import { scriptedPrompter } from '../../src/prompt/index.js';
import {
  fileRunStore,
  memoryRunStore,
  renderPlanOutcome,
  renderRun,
  runPlan,
  type Answers,
  type Plan,
  type PlanRun,
  type PlanStep,
  type PreflightCheck,
  type RunPlanOptions,
  type RunRecord,
  type RunStore,
} from '../../src/plan/index.js';

// A toy wizard over an in-memory "world": each step writes one key (idempotently) and
// counts its runs; some steps have undos that delete their key.

class Killed extends Error {}

interface World {
  state: Map<string, string>;
  runs: Map<string, number>;
  log: string[];
}

function newWorld(): World {
  return { state: new Map(), runs: new Map(), log: [] };
}

function toyPlan(
  world: World,
  o: {
    answers?: Answers;
    steps?: number;
    failAt?: { step: number; phase: 'gate' | 'run' | 'check' };
    noUndo?: number[];
    checks?: PreflightCheck[];
  } = {},
): Plan {
  const count = o.steps ?? 5;
  const answers = o.answers ?? { zone: 0, name: 'fe2' };
  const steps: PlanStep[] = Array.from({ length: count }, (_, i) => {
    const name = `toy/step-${i + 1}`;
    const fails = (phase: string) => o.failAt?.step === i + 1 && o.failAt.phase === phase;
    return {
      name,
      title: `Step ${i + 1}`,
      host: i % 2 === 0 ? 'fe1' : 'fe2',
      gate: async () => {
        if (fails('gate')) throw new Error(`gate ${i + 1} refused`);
      },
      run: async (ctx) => {
        world.runs.set(name, (world.runs.get(name) ?? 0) + 1);
        world.log.push(`run ${name}`);
        // Each step builds on the value the previous one recorded.
        const before =
          i === 0 ? String(answers['name']) : String(ctx.value(`toy/step-${i}`, 'out'));
        if (fails('run')) throw new Error(`step ${i + 1} broke`);
        const out = `${before}+${i + 1}`;
        world.state.set(name, out);
        return {
          values: { out },
          backups: i === 1 ? [{ host: 'fe1', file: '/b/db.bck', what: 'database' }] : [],
        };
      },
      check: async () => {
        if (fails('check')) throw new Error(`check ${i + 1} failed`);
        if (!world.state.has(name)) throw new Error(`${name} has no effect`);
      },
      ...(o.noUndo?.includes(i + 1)
        ? {}
        : {
            undo: async () => {
              world.log.push(`undo ${name}`);
              world.state.delete(name);
            },
          }),
    };
  });
  return {
    wizard: 'onezone toy',
    key: 'zone-0',
    answers,
    steps,
    checks: o.checks ?? [],
    rerun: 'onezone toy --zone 0 --yes',
  };
}

function options(plan: Plan, store: RunStore, extra: Partial<RunPlanOptions> = {}): RunPlanOptions {
  let ids = 0;
  return {
    plan,
    dryRun: false,
    yes: true,
    restart: false,
    skipChecks: [],
    io: testIO({ tty: false }),
    prompter: scriptedPrompter({}),
    store,
    clock: () => new Date('2026-01-01T00:00:00Z'),
    newRunId: () => `run-${++ids}`,
    progress: { start: () => undefined, succeed: () => undefined, fail: () => undefined },
    say: () => undefined,
    ...extra,
  };
}

/** A store that dies (throws Killed on every save) once `saves` saves have been made. */
function dyingStore(inner: RunStore, saves: number): RunStore {
  let made = 0;
  return {
    ...inner,
    save: async (record) => {
      if (made >= saves) throw new Killed('killed');
      made++;
      await inner.save(record);
    },
  };
}

async function run(
  plan: Plan,
  store: RunStore,
  extra: Partial<RunPlanOptions> = {},
): Promise<PlanRun> {
  const outcome = await runPlan(options(plan, store, extra));
  assert.equal(outcome.kind, 'run');
  return outcome as PlanRun;
}

describe('plan/run-plan', () => {
  it('a dry run renders the plan and changes nothing, not even the record', async () => {
    const world = newWorld();
    const store = memoryRunStore();
    const outcome = await runPlan(options(toyPlan(world), store, { dryRun: true, yes: false }));
    assert.equal(outcome.kind, 'preview');
    if (outcome.kind !== 'preview') return;
    assert.deepEqual(
      outcome.steps.map((s) => [s.name, s.state]),
      [1, 2, 3, 4, 5].map((i) => [`toy/step-${i}`, 'pending']),
    );
    assert.equal(world.log.length, 0);
    assert.equal(await store.load(), undefined);
  });

  it('runs every step once and records them', async () => {
    const world = newWorld();
    const store = memoryRunStore();
    const outcome = await run(toyPlan(world), store);
    assert.equal(outcome.state, 'complete');
    assert.equal(world.state.get('toy/step-5'), 'fe2+1+2+3+4+5');
    assert.deepEqual([...world.runs.values()], [1, 1, 1, 1, 1]);
    const record = (await store.load())!;
    assert.equal(record.state, 'complete');
    assert.deepEqual(record.backups, [
      { host: 'fe1', file: '/b/db.bck', what: 'database', step: 'toy/step-2' },
    ]);
  });

  it('records when each step started and finished, from the clock it is given', async () => {
    // A clock one second further on every reading: each reading is told apart.
    let ticks = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, ticks++));
    const store = memoryRunStore();
    await run(toyPlan(newWorld()), store, { clock });
    const done = (await store.load())!.done;
    assert.equal(done.length, 5);
    for (const [i, step] of done.entries()) {
      assert.ok(step.started! < step.finished, `${step.name}: ${step.started} to ${step.finished}`);
      if (i > 0)
        assert.ok(done[i - 1]!.finished < step.started!, `${step.name} after the one before`);
    }
  });

  it('resumes after a kill at any point with the result of an uninterrupted run', async () => {
    const reference = newWorld();
    await run(toyPlan(reference), memoryRunStore());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), async (saves) => {
        const world = newWorld();
        const store = memoryRunStore();
        await assert.rejects(run(toyPlan(world), dyingStore(store, saves)), Killed);
        const recorded = new Set((await store.load())?.done.map((d) => d.name));
        const outcome = await run(toyPlan(world), store);
        assert.equal(outcome.state, 'complete');
        assert.deepEqual([...world.state], [...reference.state]);
        for (const [step, runs] of world.runs) {
          // A step recorded as done never runs again; the one cut off runs at most twice.
          if (recorded.has(step)) assert.equal(runs, 1, step);
          else assert.ok(runs <= 2, step);
        }
        assert.ok(!world.log.some((l) => l.startsWith('undo')));
      }),
      { numRuns: 30 },
    );
  });

  it('stopping after step k (the hidden test hook) and running again finishes the plan', async () => {
    for (let k = 1; k <= 5; k++) {
      const world = newWorld();
      const store = memoryRunStore();
      const afterStep = async (done: number) => {
        if (done === k) throw new Killed(`after ${k}`);
      };
      await assert.rejects(run(toyPlan(world), store, { afterStep }), Killed);
      assert.equal((await store.load())!.done.length, k);
      await run(toyPlan(world), store);
      assert.deepEqual([...world.runs.values()], [1, 1, 1, 1, 1], `k=${k}`);
    }
  });

  it('on a failure undoes finished steps newest first, down to the first without an undo', async () => {
    const world = newWorld();
    const store = memoryRunStore();
    const outcome = await run(
      toyPlan(world, { failAt: { step: 5, phase: 'run' }, noUndo: [2] }),
      store,
    );
    assert.equal(outcome.state, 'failed');
    assert.deepEqual(
      world.log.filter((l) => l.startsWith('undo')),
      ['undo toy/step-4', 'undo toy/step-3'],
    );
    const record = (await store.load())!;
    assert.deepEqual(record.undone, ['toy/step-4', 'toy/step-3']);
    assert.deepEqual(
      record.done.map((d) => d.name),
      ['toy/step-1', 'toy/step-2'],
    );
    assert.deepEqual(record.failure, { step: 'toy/step-5', phase: 'run', message: 'step 5 broke' });
    assert.equal(outcome.rerun, 'onezone toy --zone 0 --yes');
    assert.equal(record.backups.length, 1, 'backups stay recorded');

    // Once fixed, the same command redoes the undone steps and never the kept ones.
    const again = await run(toyPlan(world, { noUndo: [2] }), store);
    assert.equal(again.state, 'complete');
    assert.deepEqual(
      [...world.runs].map(([n, c]) => `${n}:${c}`),
      ['toy/step-1:1', 'toy/step-2:1', 'toy/step-3:2', 'toy/step-4:2', 'toy/step-5:2'],
    );
  });

  it('a failed check also undoes; a refused gate undoes nothing', async () => {
    const checked = newWorld();
    await run(toyPlan(checked, { failAt: { step: 3, phase: 'check' } }), memoryRunStore());
    assert.deepEqual(
      checked.log.filter((l) => l.startsWith('undo')),
      ['undo toy/step-2', 'undo toy/step-1'],
    );
    const gated = newWorld();
    const store = memoryRunStore();
    const outcome = await run(toyPlan(gated, { failAt: { step: 3, phase: 'gate' } }), store);
    assert.equal(outcome.state, 'failed');
    assert.equal((await store.load())!.failure!.phase, 'gate');
    assert.ok(!gated.log.some((l) => l.startsWith('undo')));
    assert.ok(!gated.runs.has('toy/step-3'));
  });

  it('refuses to resume a run whose answers changed, and --restart starts again', async () => {
    const world = newWorld();
    const store = memoryRunStore();
    const afterStep = async (done: number) => {
      if (done === 2) throw new Killed();
    };
    await assert.rejects(run(toyPlan(world), store, { afterStep }), Killed);
    const changed = toyPlan(world, { answers: { zone: 0, name: 'fe3' } });
    await assert.rejects(run(changed, store), {
      code: 'PLAN_REFUSED',
      where: { field: 'restart' },
    });
    assert.equal(world.runs.get('toy/step-3'), undefined, 'nothing ran');
    await assert.rejects(run(changed, store, { restart: true, yes: false }), {
      code: 'FLAG_REQUIRED',
    });
    assert.equal(store.archived.length, 0, 'a refused restart sets nothing aside');
    const restarted = await run(changed, store, { restart: true });
    assert.equal(restarted.state, 'complete');
    assert.equal(store.archived.length, 1);
    assert.equal(store.archived[0]!.done.length, 2);
    assert.equal(world.state.get('toy/step-5'), 'fe3+1+2+3+4+5');
  });

  it('a finished plan run again does nothing', async () => {
    const world = newWorld();
    const store = memoryRunStore();
    await run(toyPlan(world), store);
    const again = await run(toyPlan(world), store);
    assert.equal(again.state, 'complete');
    assert.deepEqual([...world.runs.values()], [1, 1, 1, 1, 1]);
  });

  it('refuses on a failed preflight check, naming it, unless skipped by name', async () => {
    const checks: PreflightCheck[] = [
      { name: 'reachability', description: 'hosts answer', run: async () => 'ok' },
      {
        name: 'clocks-close',
        description: 'clocks agree',
        run: async () => {
          throw new Error('fe2 is 40 s ahead');
        },
      },
    ];
    const world = newWorld();
    const store = memoryRunStore();
    await assert.rejects(run(toyPlan(world, { checks }), store), {
      code: 'PLAN_REFUSED',
      where: { field: 'clocks-close' },
    });
    assert.equal(world.log.length, 0);
    assert.equal(await store.load(), undefined);
    await assert.rejects(run(toyPlan(world, { checks }), store, { skipChecks: ['clock'] }), {
      code: 'FLAG_INVALID',
      where: { field: 'skip-check' },
    });
    const outcome = await run(toyPlan(world, { checks }), store, { skipChecks: ['clocks-close'] });
    assert.equal(outcome.state, 'complete');
  });

  it('without a terminal and without --yes names the flag and changes nothing', async () => {
    const world = newWorld();
    const store = memoryRunStore();
    await assert.rejects(run(toyPlan(world), store, { yes: false }), {
      code: 'FLAG_REQUIRED',
      where: { field: 'yes' },
    });
    assert.equal(world.log.length, 0);
    assert.equal(await store.load(), undefined);
  });

  it('on a terminal asks once before the first change', async () => {
    const world = newWorld();
    const no = scriptedPrompter({ 'Run the 5 steps of onezone toy?': false });
    await assert.rejects(
      run(toyPlan(world), memoryRunStore(), {
        yes: false,
        io: testIO({ tty: true }),
        prompter: no,
      }),
      { code: 'CANCELLED' },
    );
    assert.equal(world.log.length, 0);
    const yes = scriptedPrompter({ 'Run the 5 steps of onezone toy?': true });
    const shown: string[] = [];
    const outcome = await run(toyPlan(world), memoryRunStore(), {
      yes: false,
      io: testIO({ tty: true }),
      prompter: yes,
      showPlan: (plan) => shown.push(`${plan.steps.length} steps, asked ${yes.asked.length}`),
    });
    yes.verify();
    assert.deepEqual(shown, ['5 steps, asked 0'], 'the plan is shown before the question');
    assert.equal(outcome.state, 'complete');
  });
});

describe('plan/render', () => {
  it('a failed run names the step, what was undone, the command to continue and the backups', async () => {
    const world = newWorld();
    const outcome = await run(
      toyPlan(world, { failAt: { step: 4, phase: 'check' }, noUndo: [1] }),
      memoryRunStore(),
    );
    const text = renderRun(outcome);
    assert.match(text, /step toy\/step-4 failed in its check: check 4 failed/);
    assert.match(
      text,
      /Undone, newest first: toy\/step-3, toy\/step-2\nDone and kept: toy\/step-1\n/,
    );
    assert.match(text, /run again:\n {2}onezone toy --zone 0 --yes\n/);
    assert.match(text, /fe1:\/b\/db\.bck {2}database/);
  });

  it('a preview lists the steps and the checks, and says nothing changed', async () => {
    const checks: PreflightCheck[] = [
      { name: 'reachability', description: 'hosts answer', run: async () => 'fe1, fe2' },
    ];
    const outcome = await runPlan(
      options(toyPlan(newWorld(), { checks }), memoryRunStore(), { dryRun: true }),
    );
    assert.equal(outcome.kind, 'preview');
    const text = renderPlanOutcome(outcome);
    assert.match(text, /^ {3}1\. Step 1 \[toy\/step-1\] on fe1 \(undoable\)$/m);
    assert.match(text, /^ {2}passed {2}reachability: fe1, fe2$/m);
    assert.match(text, /Nothing was changed/);
  });
});

describe('plan/file-run-store', () => {
  it('saves atomically, loads, and archives under the run id without deleting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onekit-runs-'));
    try {
      const store = fileRunStore({
        dir: join(dir, 'runs'),
        wizard: 'onezone ha-add',
        key: 'zone-0',
      });
      assert.equal(await store.load(), undefined);
      const world = newWorld();
      await run(toyPlan(world), store);
      const saved = JSON.parse(readFileSync(store.location, 'utf8')) as RunRecord;
      assert.equal(saved.state, 'complete');
      assert.deepEqual(await store.load(), saved);
      assert.deepEqual(readdirSync(join(dir, 'runs')), ['onezone-ha-add-zone-0.json']);
      await store.archive(saved);
      assert.deepEqual(readdirSync(join(dir, 'runs')), ['onezone-ha-add-zone-0.run-1.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
