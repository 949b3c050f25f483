// Runs a plan: preview (--dry-run), or preflight, one confirmation, then each unfinished
// step (gate, action, check) with its progress on stderr and the run record saved after it.
// On a failure the run stops, undoes what it safely can (newest first, down to the first
// step without an undo, so the hosts stay in a state the plan passed through) and reports
// how to continue and which backups exist. Backups are never deleted.
import { OneKitError } from '@onekit/core';
import type { IOStreams } from '../io/index.js';
import { confirmOrCancel, type Prompter } from '../prompt/index.js';
import { refuseFailedChecks, runChecks, validateSkips, type CheckResult } from './preflight.js';
import {
  changedAnswers,
  newRecord,
  planFingerprint,
  type FailureRecord,
  type RunRecord,
  type RunStore,
} from './run-record.js';
import type { JsonValue, Plan, PlanStep, StepContext } from './step.js';

/** start/succeed/fail, as IOStreams.progress() draws them. */
export interface StepProgress {
  start(label: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
}

export interface RunPlanOptions {
  readonly plan: Plan;
  readonly dryRun: boolean;
  readonly yes: boolean;
  /** Set aside an unfinished run (kept) and start again. */
  readonly restart: boolean;
  readonly skipChecks: readonly string[];
  readonly io: Pick<IOStreams, 'canPrompt'>;
  readonly prompter: Pick<Prompter, 'confirm'>;
  readonly store: RunStore;
  readonly clock: () => Date;
  readonly newRunId: () => string;
  readonly progress: StepProgress;
  readonly say: (line: string) => void;
  /** Shows the plan before the question on a terminal (a person sees what they agree to). */
  readonly showPlan?: (plan: PlanPreview) => void;
  /** Called once step `done` (1-based) is recorded: a test may end the process there. */
  readonly afterStep?: (done: number, step: string) => Promise<void>;
}

export interface StepView {
  readonly name: string;
  readonly title: string;
  readonly host: string;
  readonly undo: boolean;
  readonly state: 'done' | 'pending';
}

export interface PlanPreview {
  readonly kind: 'preview';
  readonly wizard: string;
  readonly answers: Plan['answers'];
  readonly record: string;
  /** The id of the unfinished run this plan would resume. */
  readonly resumes?: string;
  readonly steps: readonly StepView[];
  readonly checks: readonly CheckResult[];
}

export interface PlanRun {
  readonly kind: 'run';
  readonly state: 'complete' | 'failed';
  readonly record: string;
  readonly run: RunRecord;
  /** The command that continues the plan (after a failure). */
  readonly rerun: string;
}

export type PlanOutcome = PlanPreview | PlanRun;

export async function runPlan(o: RunPlanOptions): Promise<PlanOutcome> {
  const { plan, store } = o;
  assertUniqueNames(plan.steps);
  validateSkips(plan.checks, o.skipChecks);
  let record = await store.load();
  const fingerprint = planFingerprint(plan);
  if (record && record.state !== 'complete' && record.fingerprint !== fingerprint && !o.restart) {
    const changes = changedAnswers(record, plan.answers);
    throw new OneKitError(
      'PLAN_REFUSED',
      `an unfinished run (${record.id}, ${store.location}) has another plan` +
        (changes.length > 0 ? `:\n  ${changes.join('\n  ')}\n` : ' (its steps differ)\n') +
        `Run the command with the same answers to continue it, or add --restart to set it aside and start again (its backups are kept).`,
      { field: 'restart' },
    );
  }
  const finished = record?.state === 'complete' && record.fingerprint === fingerprint;
  const resumable = record !== undefined && !o.restart && record.fingerprint === fingerprint;
  if (o.dryRun) {
    const resumed = resumable ? record : undefined;
    // A resumed run does not check again; a fresh one does, and these checks only read.
    const checks = resumed ? [] : await runChecks(plan.checks, o.skipChecks);
    return preview(o, resumed, checks);
  }
  if (finished && !o.restart) {
    o.say(`This plan already ran to completion (run ${record!.id}); --restart runs it again.\n`);
    return {
      kind: 'run',
      state: 'complete',
      record: store.location,
      run: record!,
      rerun: plan.rerun,
    };
  }
  // Set aside only once the new run is agreed to: a refusal leaves everything as it was.
  const setAside = record && !resumable ? record : undefined;
  if (setAside) record = undefined;
  let checks: CheckResult[] = [];
  if (record === undefined) {
    checks = await runChecks(plan.checks, o.skipChecks);
    refuseFailedChecks(checks);
  } else {
    o.say(`Resuming run ${record.id}: ${record.done.length} of ${plan.steps.length} steps done\n`);
  }
  if (!o.yes && o.io.canPrompt()) o.showPlan?.(preview(o, record, checks));
  await confirmOrCancel({
    message: `${record ? 'Continue' : 'Run'} the ${plan.steps.length} steps of ${plan.wizard}?`,
    yes: o.yes,
    io: o.io,
    prompter: o.prompter,
  });
  if (setAside) {
    const archived = await store.archive(setAside);
    o.say(`The earlier run ${setAside.id} is kept as ${archived}\n`);
  }
  record = running(record ?? newRecord(plan, { id: o.newRunId(), now: o.clock() }));
  await store.save(record);
  return execute(o, record);
}

async function execute(o: RunPlanOptions, start: RunRecord): Promise<PlanRun> {
  const { plan, store } = o;
  let record = start;
  const save = async (next: RunRecord) => {
    record = { ...next, updated: o.clock().toISOString() };
    await store.save(record);
  };
  const ctx: StepContext = {
    value: (step, key) => valueOf(record, step, key),
    say: o.say,
  };
  const total = plan.steps.length;
  for (const [index, step] of plan.steps.entries()) {
    if (record.done.some((d) => d.name === step.name)) continue;
    o.progress.start(`[${index + 1}/${total}] ${step.title} (${step.host})`);
    const started = o.clock().toISOString();
    let phase: FailureRecord['phase'] = 'gate';
    try {
      await step.gate?.(ctx);
      phase = 'run';
      const result = (await step.run(ctx)) ?? {};
      phase = 'check';
      await step.check?.(ctx);
      await save({
        ...record,
        done: [
          ...record.done,
          {
            name: step.name,
            host: step.host,
            started,
            finished: o.clock().toISOString(),
            values: result.values ?? {},
          },
        ],
        backups: [
          ...record.backups,
          ...(result.backups ?? []).map((b) => ({ ...b, step: step.name })),
        ],
      });
    } catch (err) {
      o.progress.fail();
      const failure = failureOf(step, phase, err);
      await save({ ...record, state: 'failed', failure });
      o.say(`${step.name} failed (${phase}): ${failure.message}\n`);
      if (phase !== 'gate') await undoSince(o, ctx, () => record, save);
      return {
        kind: 'run',
        state: 'failed',
        record: store.location,
        run: record,
        rerun: plan.rerun,
      };
    }
    o.progress.succeed();
    await o.afterStep?.(record.done.length, step.name);
  }
  await save({ ...record, state: 'complete' });
  return { kind: 'run', state: 'complete', record: store.location, run: record, rerun: plan.rerun };
}

/** Undoes finished steps newest first, stopping at the first one that has no undo. */
async function undoSince(
  o: RunPlanOptions,
  ctx: StepContext,
  current: () => RunRecord,
  save: (r: RunRecord) => Promise<void>,
): Promise<void> {
  const byName = new Map(o.plan.steps.map((s) => [s.name, s]));
  for (let last = current().done.at(-1); last; last = current().done.at(-1)) {
    const step = byName.get(last.name);
    if (!step?.undo) return;
    o.progress.start(`Undo: ${step.title} (${step.host})`);
    try {
      await step.undo(ctx);
    } catch (err) {
      o.progress.fail();
      o.say(`undo of ${step.name} failed: ${(err as Error).message}\n`);
      return;
    }
    const record = current();
    await save({
      ...record,
      done: record.done.slice(0, -1),
      undone: [...record.undone, step.name],
    });
    o.progress.succeed();
  }
}

/** The record as a run continues it: running, without the failure of an earlier run. */
function running(record: RunRecord): RunRecord {
  const { failure: _failure, ...rest } = record;
  return { ...rest, state: 'running' };
}

function preview(
  o: RunPlanOptions,
  record: RunRecord | undefined,
  checks: readonly CheckResult[],
): PlanPreview {
  const done = new Set(record?.done.map((d) => d.name));
  return {
    kind: 'preview',
    wizard: o.plan.wizard,
    answers: o.plan.answers,
    record: o.store.location,
    ...(record && record.state !== 'complete' ? { resumes: record.id } : {}),
    steps: o.plan.steps.map((s) => ({
      name: s.name,
      title: s.title,
      host: s.host,
      undo: s.undo !== undefined,
      state: done.has(s.name) ? 'done' : 'pending',
    })),
    checks,
  };
}

function valueOf(record: RunRecord, step: string, key: string): JsonValue {
  const value = record.done.find((d) => d.name === step)?.values[key];
  if (value === undefined) {
    throw new OneKitError('PLAN_REFUSED', `step ${step} has recorded no ${key}`, { field: step });
  }
  return value;
}

function failureOf(step: PlanStep, phase: FailureRecord['phase'], err: unknown): FailureRecord {
  const code = (err as { code?: unknown }).code;
  return {
    step: step.name,
    phase,
    ...(typeof code === 'string' ? { code } : {}),
    message: err instanceof Error ? err.message : String(err),
  };
}

function assertUniqueNames(steps: readonly PlanStep[]): void {
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.name)) throw new Error(`the plan names two steps ${step.name}`);
    seen.add(step.name);
  }
}
