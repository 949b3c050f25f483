// A linearizability checker for histories recorded against a real system (the Wing & Gong
// search with Lowe's just-in-time linearization and memoization, as Porcupine and Knossos
// check). A history is a list of operations with invocation and return times; the checker
// looks for one order of the operations that respects real time (an operation that returned
// before another was invoked comes first) and that the sequential model accepts.
//
// Outcomes: `ok` operations must be linearized; `fail` operations definitely did not take
// effect, so they are left out (a read that sees a failed write's value is a violation);
// `unknown` operations (timeout, connection lost) may or may not have taken effect at any
// point after their invocation: they get no return time and may be left out. Mocha-free.

export type Outcome = 'ok' | 'fail' | 'unknown';

export interface HistoryOp {
  readonly client: number | string;
  /** register: read | write; counter: read | add */
  readonly op: 'read' | 'write' | 'add';
  /** Which register (registers with different keys are checked apart). */
  readonly key?: string;
  /** The value written, the amount added, or the value read (null: never written). */
  readonly value: unknown;
  readonly invoked: number;
  /** When the answer came; ignored for `unknown` outcomes. */
  readonly returned?: number;
  readonly outcome: Outcome;
}

/** A sequential specification: `step` gives the state after `op` (undefined: it cannot happen). */
export interface Model<S> {
  readonly name: string;
  init(): S;
  step(state: S, op: HistoryOp): S | undefined;
  /** A string that identifies the state (memoization). */
  stateKey(state: S): string;
  /** Splits a history into independent parts (P-compositionality); one part by default. */
  partition?(ops: readonly HistoryOp[]): HistoryOp[][];
  /** Leaves out operations of a part that cannot change its verdict (smaller searches). */
  simplify?(part: readonly HistoryOp[]): HistoryOp[];
}

/** A register per key: writes set it, reads return the last value written (null at first). */
export const registerModel: Model<unknown> = {
  name: 'register',
  init: () => null,
  step(state, op) {
    if (op.op === 'write') return op.value;
    if (op.op === 'read') return op.value === state ? state : undefined;
    return undefined;
  },
  stateKey: (state) => JSON.stringify(state),
  // A write that may not have taken effect and that no read saw can be taken to have had no
  // effect: had it taken effect, no read came before the next write or the end, so leaving
  // it out keeps any order valid.
  simplify(part) {
    const seen = new Set(
      part.filter((op) => op.op === 'read').map((op) => JSON.stringify(op.value)),
    );
    return part.filter(
      (op) =>
        !(op.op === 'write' && op.outcome === 'unknown' && !seen.has(JSON.stringify(op.value))),
    );
  },
  partition(ops) {
    const parts = new Map<string | undefined, HistoryOp[]>();
    for (const op of ops) {
      const part = parts.get(op.key) ?? [];
      part.push(op);
      parts.set(op.key, part);
    }
    return [...parts.values()];
  },
};

/** A counter from 0: adds change it by their value, reads return it. */
export const counterModel: Model<number> = {
  name: 'counter',
  init: () => 0,
  step(state, op) {
    if (op.op === 'add') return state + (op.value as number);
    if (op.op === 'read') return op.value === state ? state : undefined;
    return undefined;
  },
  stateKey: (state) => String(state),
};

export type CheckResult =
  | { readonly verdict: 'linearizable'; readonly checked: number }
  | {
      readonly verdict: 'violation';
      readonly key: string | undefined;
      /** The longest order found that the model accepts: where the search got stuck. */
      readonly linearized: readonly HistoryOp[];
      /** Operations that had returned by then but could not be placed after that order. */
      readonly unplaced: readonly HistoryOp[];
    }
  | { readonly verdict: 'gave-up'; readonly key: string | undefined; readonly steps: number };

export interface CheckOptions {
  /** Search steps allowed per part before giving up (the search is exponential at worst). */
  readonly maxSteps?: number;
}

export function checkLinearizable<S>(
  history: readonly HistoryOp[],
  model: Model<S>,
  o: CheckOptions = {},
): CheckResult {
  const kept = history.filter(
    (op) => op.outcome !== 'fail' && !(op.op === 'read' && op.outcome === 'unknown'),
  );
  const parts = model.partition ? model.partition(kept) : [kept];
  let checked = 0;
  for (const whole of parts) {
    const part = model.simplify ? model.simplify(whole) : whole;
    const result = checkPart(part, model, o.maxSteps ?? 5_000_000);
    if (result.verdict !== 'linearizable') return result;
    checked += whole.length;
  }
  return { verdict: 'linearizable', checked };
}

interface Entry {
  readonly op: HistoryOp;
  readonly id: number;
  readonly call: boolean;
  readonly time: number;
  match: Entry | undefined;
  prev: Entry | undefined;
  next: Entry | undefined;
}

/** The call and return events in time order; at equal times calls come first (overlap). */
function eventList(ops: readonly HistoryOp[]): Entry {
  const entries: Entry[] = [];
  ops.forEach((op, id) => {
    const returned = op.outcome === 'unknown' ? Infinity : op.returned;
    if (returned === undefined)
      throw new Error(`operation ${id} is ${op.outcome} but has no return time`);
    if (returned < op.invoked) throw new Error(`operation ${id} returned before it was invoked`);
    const call: Entry = {
      op,
      id,
      call: true,
      time: op.invoked,
      match: undefined,
      prev: undefined,
      next: undefined,
    };
    const ret: Entry = {
      op,
      id,
      call: false,
      time: returned,
      match: undefined,
      prev: undefined,
      next: undefined,
    };
    call.match = ret;
    entries.push(call, ret);
  });
  entries.sort((a, b) => a.time - b.time || Number(b.call) - Number(a.call));
  const head: Entry = {
    op: undefined!,
    id: -1,
    call: false,
    time: -Infinity,
    match: undefined,
    prev: undefined,
    next: undefined,
  };
  let last = head;
  for (const entry of entries) {
    last.next = entry;
    entry.prev = last;
    last = entry;
  }
  return head;
}

function lift(call: Entry): void {
  call.prev!.next = call.next;
  call.next!.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next) ret.next.prev = ret.prev;
}

function unlift(call: Entry): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next) ret.next.prev = ret;
  call.prev!.next = call;
  call.next!.prev = call;
}

class Bitset {
  private readonly words: Uint32Array;
  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32) || 1);
  }
  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }
  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }
  key(): string {
    return this.words.join(',');
  }
}

/**
 * For each operation with an unknown outcome, the one invoked just before it that has the
 * same effect (same op, key and value), if any. Such twins are interchangeable: an order
 * that uses the later one can use the earlier one instead, so the search only places a
 * twin once its elder is placed (counters whose adds are all +1 need this).
 */
function elderTwins(ops: readonly HistoryOp[]): (number | undefined)[] {
  const latest = new Map<string, number>();
  const elder: (number | undefined)[] = [];
  const byInvocation = ops
    .map((op, id) => ({ op, id }))
    .sort((a, b) => a.op.invoked - b.op.invoked);
  for (const { op, id } of byInvocation) {
    if (op.outcome !== 'unknown') continue;
    const effect = JSON.stringify([op.op, op.key, op.value]);
    elder[id] = latest.get(effect);
    latest.set(effect, id);
  }
  return elder;
}

function checkPart<S>(ops: readonly HistoryOp[], model: Model<S>, maxSteps: number): CheckResult {
  const key = ops[0]?.key;
  const head = eventList(ops);
  const elder = elderTwins(ops);
  const linearized = new Bitset(ops.length);
  const seen = new Set<string>();
  const stack: { entry: Entry; state: S }[] = [];
  let best: Entry[] = [];
  let state = model.init();
  let entry = head.next;
  for (let steps = 0; entry; steps++) {
    if (steps > maxSteps) return { verdict: 'gave-up', key, steps };
    if (entry.call) {
      const twin = elder[entry.id];
      if (twin !== undefined && !linearized.has(twin)) {
        entry = entry.next;
        continue;
      }
      const next = model.step(state, entry.op);
      let placed = false;
      if (next !== undefined) {
        linearized.set(entry.id);
        const memo = `${linearized.key()}|${model.stateKey(next)}`;
        if (!seen.has(memo)) {
          seen.add(memo);
          stack.push({ entry, state });
          state = next;
          lift(entry);
          placed = true;
          if (stack.length > best.length) best = stack.map((s) => s.entry);
        } else linearized.clear(entry.id);
      }
      entry = placed ? head.next : entry.next;
      continue;
    }
    // A return: the operation must be linearized by now. The first return of an operation
    // with an unknown outcome means every operation with a known outcome has been placed.
    if (entry.time === Infinity) return { verdict: 'linearizable', checked: ops.length };
    const top = stack.pop();
    if (!top) return violation(key, best, ops);
    state = top.state;
    linearized.clear(top.entry.id);
    unlift(top.entry);
    entry = top.entry.next;
  }
  return { verdict: 'linearizable', checked: ops.length };
}

function violation(
  key: string | undefined,
  best: readonly Entry[],
  ops: readonly HistoryOp[],
): CheckResult {
  const placed = new Set(best.map((e) => e.id));
  const unplaced = ops
    .filter((op, id) => !placed.has(id) && op.outcome === 'ok')
    .sort((a, b) => a.returned! - b.returned!)
    .slice(0, 5);
  return { verdict: 'violation', key, linearized: best.map((e) => e.op), unplaced };
}
