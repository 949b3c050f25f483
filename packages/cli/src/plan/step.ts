// What a wizard is made of: a plan of named steps, each run on one host, with a gate
// (precondition), an action, a check that it worked and, where one exists, an undo; and the
// named preflight checks that run before the first change.

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The answers a plan was made from (every one a flag): a changed answer is a changed plan. */
export type Answers = Readonly<Record<string, string | number | boolean>>;

/** A backup a step took: where it is, and how to put it back by hand. */
export interface BackupNote {
  readonly host: string;
  readonly file: string;
  readonly what: string;
  /** The command (or action) that restores it. */
  readonly restore?: string;
}

/** What a step hands to later steps (kept in the run record, so a resumed run has it too). */
export interface StepResult {
  readonly values?: Readonly<Record<string, JsonValue>>;
  readonly backups?: readonly BackupNote[];
}

export interface StepContext {
  /** A value an earlier step recorded; PLAN_REFUSED when it has none. */
  value(step: string, key: string): JsonValue;
  /** A progress line on stderr. */
  say(line: string): void;
}

export interface PlanStep {
  /** Unique in the plan, `area/action` (e.g. `zone/add-server`). */
  readonly name: string;
  readonly title: string;
  /** Where the action runs (a host, or `zone` for API calls). */
  readonly host: string;
  /** Refuses the step (by throwing) when its precondition does not hold: nothing is undone. */
  readonly gate?: (ctx: StepContext) => Promise<void>;
  /** Must be safe to run again after an interruption (the run record may not say it finished). */
  readonly run: (ctx: StepContext) => Promise<StepResult | void>;
  /** Throws when the action did not have its effect. */
  readonly check?: (ctx: StepContext) => Promise<void>;
  readonly undo?: (ctx: StepContext) => Promise<void>;
}

export interface PreflightCheck {
  /** What `--skip-check` names. */
  readonly name: string;
  readonly description: string;
  /** Throws when the check fails; may return a note (e.g. what was measured). */
  readonly run: () => Promise<string | void>;
}

export interface Plan {
  /** The command, e.g. `onezone ha-add`. */
  readonly wizard: string;
  /** Names the run record: one unfinished run per wizard and key (e.g. the zone). */
  readonly key: string;
  readonly answers: Answers;
  readonly steps: readonly PlanStep[];
  readonly checks: readonly PreflightCheck[];
  /** The full command line that runs (or resumes) this plan, printed on failure. */
  readonly rerun: string;
}
