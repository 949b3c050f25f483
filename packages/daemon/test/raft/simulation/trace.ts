// The last events of a simulation run, kept cheaply and formatted only when a run fails.
import type { Entry, RaftMessage } from '../../../src/raft/index.js';
import type { Value } from './server.js';

export type TraceEvent =
  | { kind: 'deliver' | 'drop'; message: RaftMessage<Value> }
  | { kind: 'note'; server?: number; text: string };

interface Stamped {
  time: number;
  event: TraceEvent;
}

export class Trace {
  private readonly events: Stamped[] = [];
  private next = 0;

  constructor(private readonly capacity = 50) {}

  record(time: number, event: TraceEvent): void {
    if (this.events.length < this.capacity) this.events.push({ time, event });
    else this.events[this.next] = { time, event };
    this.next = (this.next + 1) % this.capacity;
  }

  note(time: number, text: string, server?: number): void {
    this.record(time, { kind: 'note', text, ...(server !== undefined && { server }) });
  }

  /** Oldest first. */
  lines(): string[] {
    const ordered =
      this.events.length < this.capacity
        ? this.events
        : [...this.events.slice(this.next), ...this.events.slice(0, this.next)];
    return ordered.map(({ time, event }) => `t=${time} ${formatEvent(event)}`);
  }
}

function formatEvent(event: TraceEvent): string {
  if (event.kind === 'note')
    return event.server === undefined ? event.text : `#${event.server} ${event.text}`;
  const verb = event.kind === 'drop' ? 'dropped ' : '';
  return `${verb}${formatMessage(event.message)}`;
}

export function formatEntry(e: Entry<Value>): string {
  const data = e.data;
  const what =
    data === undefined
      ? 'noop'
      : data.kind === 'data'
        ? data.value
        : `${data.change.type}(${data.change.id})`;
  return `${e.index}/${e.term}:${what}`;
}

export function formatMessage(m: RaftMessage<Value>): string {
  const head = `#${m.from}->#${m.to} ${m.type} t${m.term}`;
  switch (m.type) {
    case 'vote-request':
      return `${head} last=${m.lastIndex}/${m.lastTerm}`;
    case 'vote-response':
      return `${head} ${m.granted ? 'granted' : `refused(${m.refusal})`}`;
    case 'append':
      return `${head} prev=${m.prevIndex}/${m.prevTerm} [${m.entries.map(formatEntry).join(' ')}] commit=${m.commit}${m.quiet ? ' quiet' : ''}`;
    case 'append-response':
      return m.success
        ? `${head} ok index=${m.index}`
        : `${head} refused ${m.rejectedIndex} hint=${m.hintIndex}/${m.hintTerm ?? '?'}`;
    case 'heartbeat':
      return `${head} commit=${m.commit}${m.context ? ` ctx=${m.context}` : ''}`;
    case 'heartbeat-response':
      return `${head}${m.context ? ` ctx=${m.context}` : ''}`;
  }
}
