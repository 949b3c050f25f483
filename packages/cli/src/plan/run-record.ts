// The run record: what a wizard did so far, written after every step, so that running the
// same command again resumes after the last finished step and never does one twice.
import { createHash } from 'node:crypto';
import type { Answers, BackupNote, JsonValue, Plan } from './step.js';

export interface StepRecord {
  readonly name: string;
  readonly host: string;
  /** When its gate began (absent in records written before steps were timed). */
  readonly started?: string;
  readonly finished: string;
  readonly values: Readonly<Record<string, JsonValue>>;
}

export interface FailureRecord {
  readonly step: string;
  readonly phase: 'gate' | 'run' | 'check' | 'undo';
  readonly code?: string;
  readonly message: string;
}

export interface RunRecord {
  readonly format: 1;
  readonly wizard: string;
  readonly key: string;
  readonly id: string;
  /** Of the answers and the steps: a resumed run must have the same. */
  readonly fingerprint: string;
  readonly answers: Answers;
  readonly steps: readonly { readonly name: string; readonly host: string }[];
  readonly state: 'running' | 'failed' | 'complete';
  readonly started: string;
  readonly updated: string;
  /** Finished steps, in the order they finished (an undone step is removed). */
  readonly done: readonly StepRecord[];
  /** Steps undone after a failure, newest first. */
  readonly undone: readonly string[];
  /** Every backup taken, by any run of this plan; never removed. */
  readonly backups: readonly (BackupNote & { readonly step: string })[];
  readonly failure?: FailureRecord;
}

/** Where run records are kept; a record is read and written whole. */
export interface RunStore {
  /** Shown to people: where the record is. */
  readonly location: string;
  load(): Promise<RunRecord | undefined>;
  /** Writes atomically (a reader sees the old record or the new one). */
  save(record: RunRecord): Promise<void>;
  /** Moves the record aside (kept, under a name of its own); returns where it went. */
  archive(record: RunRecord): Promise<string>;
}

export function planFingerprint(plan: Pick<Plan, 'wizard' | 'answers' | 'steps'>): string {
  const answers = Object.fromEntries(
    Object.entries(plan.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const steps = plan.steps.map((s) => [s.name, s.host]);
  return createHash('sha256')
    .update(JSON.stringify({ wizard: plan.wizard, answers, steps }))
    .digest('hex')
    .slice(0, 16);
}

export function newRecord(plan: Plan, o: { id: string; now: Date }): RunRecord {
  return {
    format: 1,
    wizard: plan.wizard,
    key: plan.key,
    id: o.id,
    fingerprint: planFingerprint(plan),
    answers: plan.answers,
    steps: plan.steps.map((s) => ({ name: s.name, host: s.host })),
    state: 'running',
    started: o.now.toISOString(),
    updated: o.now.toISOString(),
    done: [],
    undone: [],
    backups: [],
  };
}

/** The answers that differ between a record and a plan, as `name: old → new` lines. */
export function changedAnswers(record: RunRecord, answers: Answers): string[] {
  const names = [...new Set([...Object.keys(record.answers), ...Object.keys(answers)])].sort();
  return names
    .filter((n) => record.answers[n] !== answers[n])
    .map((n) => `${n}: ${show(record.answers[n])} → ${show(answers[n])}`);
}

function show(value: string | number | boolean | undefined): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** An in-memory store, for tests and previews. */
export function memoryRunStore(initial?: RunRecord): RunStore & { archived: RunRecord[] } {
  let current = initial;
  const archived: RunRecord[] = [];
  return {
    location: 'memory',
    archived,
    load: async () => current,
    save: async (record) => {
      current = structuredClone(record);
    },
    archive: async (record) => {
      archived.push(record);
      current = undefined;
      return `memory#${archived.length}`;
    },
  };
}
