// The rules for reads that may lag (a follower's, or one whose answering role is unsure):
// a read may show old state, but only state that existed: a value some write (not a failed
// one) put there, no more adds than were made; and one client reading one server never
// sees that server go back (a server's applied state only moves forward).
import type { TrialOp } from './trial-history.js';

export interface LaggingReadProblem {
  readonly read: TrialOp;
  readonly why: string;
}

export function checkLaggingReads(ops: readonly TrialOp[]): LaggingReadProblem[] {
  return [...checkRegisterReads(ops), ...checkCounterReads(ops)];
}

const answered = (op: TrialOp) => op.op === 'read' && op.outcome === 'ok';

/** Reads grouped by client, server and key, each group in the order the client made them. */
function sessions(reads: readonly TrialOp[]): TrialOp[][] {
  const groups = new Map<string, TrialOp[]>();
  for (const read of reads) {
    const id = `${read.client}|${read.server}|${read.key}`;
    groups.set(id, [...(groups.get(id) ?? []), read]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a.invoked - b.invoked));
}

function checkRegisterReads(ops: readonly TrialOp[]): LaggingReadProblem[] {
  const register = ops.filter((op) => op.model === 'register');
  const writes = new Map(register.filter((op) => op.op === 'write').map((w) => [w.value, w]));
  const problems: LaggingReadProblem[] = [];
  const reads = register.filter(answered);
  for (const read of reads) {
    if (read.value === null) continue;
    const write = writes.get(read.value);
    if (!write) problems.push({ read, why: 'shows a value never written' });
    else if (write.outcome === 'fail')
      problems.push({ read, why: 'shows the value of a failed write' });
    else if (write.invoked > read.returned!)
      problems.push({ read, why: 'shows a value written after it' });
  }
  /** Whether the write of `a` was acknowledged before the write of `b` began. */
  const before = (a: unknown, b: unknown): boolean => {
    if (a === null) return b !== null;
    const wa = writes.get(a);
    const wb = writes.get(b);
    return wa?.outcome === 'ok' && wb !== undefined && wa.returned! < wb.invoked;
  };
  for (const session of sessions(reads)) {
    const seen: unknown[] = [];
    for (const read of session) {
      const last = seen.at(-1);
      if (seen.length > 0 && read.value !== last) {
        if (seen.includes(read.value))
          problems.push({ read, why: `goes back to ${String(read.value)}` });
        else {
          const newer = seen.find((v) => before(read.value, v));
          if (newer !== undefined) {
            problems.push({
              read,
              why: `shows ${String(read.value)} after ${String(newer)}, written later`,
            });
          }
        }
      }
      if (read.value !== last) seen.push(read.value);
    }
  }
  return problems;
}

function checkCounterReads(ops: readonly TrialOp[]): LaggingReadProblem[] {
  const counter = ops.filter((op) => op.model === 'counter');
  const adds = counter.filter((op) => op.op === 'add' && op.outcome !== 'fail');
  const problems: LaggingReadProblem[] = [];
  const reads = counter.filter(answered);
  for (const read of reads) {
    const made = adds.filter((a) => a.invoked <= read.returned!).length;
    const value = read.value as number;
    if (value < 0 || value > made) {
      problems.push({ read, why: `shows ${value} while at most ${made} adds were made` });
    }
  }
  for (const session of sessions(reads)) {
    for (let i = 1; i < session.length; i++) {
      if ((session[i]!.value as number) < (session[i - 1]!.value as number)) {
        problems.push({
          read: session[i]!,
          why: `goes back from ${String(session[i - 1]!.value)}`,
        });
      }
    }
  }
  return problems;
}
