// Plans and runs as text for people (--json prints the same values as they are).
import type { PlanOutcome, PlanPreview, PlanRun } from './run-plan.js';
import type { PreflightCheck } from './step.js';

export function renderPlanOutcome(outcome: PlanOutcome): string {
  return outcome.kind === 'preview' ? renderPreview(outcome) : renderRun(outcome);
}

/** With `question`, the plan shown before asking to run it (not a --dry-run result). */
export function renderPreview(p: PlanPreview, o: { question?: boolean } = {}): string {
  const lines = [`PLAN: ${p.wizard}${p.resumes ? ` (resumes run ${p.resumes})` : ''}`];
  for (const [name, value] of Object.entries(p.answers)) lines.push(`  ${name} = ${value}`);
  lines.push('', 'STEPS');
  for (const [i, s] of p.steps.entries()) {
    const mark = s.state === 'done' ? 'done' : s.undo ? 'undoable' : '';
    lines.push(
      `  ${String(i + 1).padStart(2)}. ${s.title} [${s.name}] on ${s.host}${mark ? ` (${mark})` : ''}`,
    );
  }
  if (p.checks.length > 0) {
    lines.push('', 'PREFLIGHT');
    for (const c of p.checks) {
      lines.push(`  ${c.outcome.padEnd(7)} ${c.name}${c.note ? `: ${c.note}` : ''}`);
    }
  }
  lines.push('', `Run record: ${p.record}`);
  if (!o.question) lines.push('Nothing was changed (--dry-run).');
  return lines.join('\n') + '\n';
}

export function renderRun(r: PlanRun): string {
  const lines: string[] = [];
  const run = r.run;
  if (r.state === 'complete') {
    lines.push(`${run.wizard}: all ${run.steps.length} steps done (run ${run.id}).`);
  } else {
    const f = run.failure;
    lines.push(`${run.wizard}: step ${f?.step} failed in its ${f?.phase}: ${f?.message}`);
    lines.push(
      run.undone.length > 0
        ? `Undone, newest first: ${run.undone.join(', ')}`
        : 'Nothing was undone.',
    );
    lines.push(`Done and kept: ${run.done.map((d) => d.name).join(', ') || 'none'}`);
    lines.push(`To continue once the cause is fixed, run again:\n  ${r.rerun}`);
  }
  if (run.backups.length > 0) {
    lines.push('Backups (kept):');
    for (const b of run.backups) {
      lines.push(`  ${b.host}:${b.file}  ${b.what}${b.restore ? `; restore: ${b.restore}` : ''}`);
    }
  }
  lines.push(`Run record: ${r.record}`);
  return lines.join('\n') + '\n';
}

/** The checks' names and descriptions, for a command's --help. */
export function checksHelp(
  checks: readonly Pick<PreflightCheck, 'name' | 'description'>[],
): string {
  return checks.map((c) => `${c.name}: ${c.description}`).join('\n');
}
