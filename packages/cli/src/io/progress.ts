import { styled } from './ansi.js';
import type { OutputStream } from './iostreams.js';

/** Calls `tick` every `ms` until the returned function is called. */
export type Ticker = (ms: number, tick: () => void) => () => void;

export const intervalTicker: Ticker = (ms, tick) => {
  const handle = setInterval(tick, ms);
  handle.unref();
  return () => clearInterval(handle);
};

const frames = ['-', '\\', '|', '/'];
const frameMs = 100;

export interface ProgressOptions {
  stream: OutputStream;
  /** Redraw one line in place (a terminal), or print one line per event. */
  animate: boolean;
  color: boolean;
  ticker: Ticker;
}

/**
 * One step at a time: `start` shows what is happening, `succeed`/`fail` closes it. On a
 * terminal a spinner turns on the same line; elsewhere (logs, CI) each event is one line.
 */
export class Progress {
  private label: string | undefined;
  private frame = 0;
  private stopTicking: (() => void) | undefined;

  constructor(private readonly options: ProgressOptions) {}

  start(label: string): void {
    this.finish();
    this.label = label;
    if (!this.options.animate) {
      this.options.stream.write(`${label}...\n`);
      return;
    }
    this.frame = 0;
    this.draw();
    this.stopTicking = this.options.ticker(frameMs, () => {
      this.frame = (this.frame + 1) % frames.length;
      this.draw();
    });
  }

  succeed(text?: string): void {
    this.end('done', 'green', text);
  }

  fail(text?: string): void {
    this.end('failed', 'red', text);
  }

  private end(outcome: string, color: 'green' | 'red', text: string | undefined): void {
    const label = this.label;
    if (label === undefined) return;
    this.finish();
    const mark = this.options.color ? styled(outcome, color) : outcome;
    this.options.stream.write(`${text ?? label}: ${mark}\n`);
  }

  private draw(): void {
    this.options.stream.write(`\r\u001b[K${frames[this.frame]} ${this.label}`);
  }

  /** Stops the spinner and clears its line, leaving the cursor at column 0. */
  private finish(): void {
    if (this.stopTicking) {
      this.stopTicking();
      this.stopTicking = undefined;
      this.options.stream.write('\r\u001b[K');
    }
    this.label = undefined;
  }
}
