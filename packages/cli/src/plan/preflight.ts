// Named preflight checks: all run (but those skipped by name) before the first change, and
// every failure is reported at once, each with the name that --skip-check takes.
import { OneKitError } from '@onekit/core';
import type { PreflightCheck } from './step.js';

export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly note?: string;
}

/** FLAG_INVALID for a --skip-check name the plan has no check of. */
export function validateSkips(checks: readonly PreflightCheck[], skip: readonly string[]): void {
  const known = new Set(checks.map((c) => c.name));
  const unknown = skip.find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new OneKitError(
      'FLAG_INVALID',
      `no preflight check is named ${unknown}; the checks are ${[...known].join(', ')}`,
      { field: 'skip-check' },
    );
  }
}

export async function runChecks(
  checks: readonly PreflightCheck[],
  skip: readonly string[],
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const base = { name: check.name, description: check.description };
    if (skip.includes(check.name)) {
      results.push({ ...base, outcome: 'skipped' });
      continue;
    }
    try {
      const note = await check.run();
      results.push({ ...base, outcome: 'passed', ...(note ? { note } : {}) });
    } catch (err) {
      results.push({ ...base, outcome: 'failed', note: (err as Error).message });
    }
  }
  return results;
}

/** PLAN_REFUSED naming the first failed check, with every failure in the message. */
export function refuseFailedChecks(results: readonly CheckResult[]): void {
  const failed = results.filter((r) => r.outcome === 'failed');
  if (failed.length === 0) return;
  const lines = failed.map((r) => `  ${r.name}: ${r.note}`);
  throw new OneKitError(
    'PLAN_REFUSED',
    `preflight checks failed (nothing was changed):\n${lines.join('\n')}\nFix the cause, or skip a check with --skip-check ${failed[0]!.name}`,
    { field: failed[0]!.name },
  );
}
