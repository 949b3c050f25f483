import type { Environment } from '@onekit/core';
import { Progress, type Ticker, intervalTicker } from './progress.js';

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface OutputStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

export interface IOStreamsOptions {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Environment;
  /** Drives the spinner; tests pass a manual one. */
  ticker?: Ticker;
}

/**
 * The process's streams and every decision that depends on them: TTY or not, colour, whether
 * a prompt can be shown, how progress is drawn. Built once per command from the process
 * (`ioFromProcess`), or from buffers in tests (`testIO`).
 */
export class IOStreams {
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  private readonly env: Environment;
  private readonly ticker: Ticker;
  private colorDisabled = false;

  constructor(options: IOStreamsOptions) {
    this.stdin = options.stdin;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.env = options.env;
    this.ticker = options.ticker ?? intervalTicker;
  }

  isStdinTTY(): boolean {
    return this.stdin.isTTY === true;
  }

  isStdoutTTY(): boolean {
    return this.stdout.isTTY === true;
  }

  isStderrTTY(): boolean {
    return this.stderr.isTTY === true;
  }

  /** --no-color: no colour on any stream, whatever the terminal. */
  disableColor(): void {
    this.colorDisabled = true;
  }

  /** Colour on stdout: a terminal, NO_COLOR unset (or empty), TERM not "dumb", no --no-color. */
  colorEnabled(): boolean {
    return this.isStdoutTTY() && this.colorAllowed();
  }

  /** The same rule for stderr, which is checked on its own (stdout may be piped). */
  stderrColorEnabled(): boolean {
    return this.isStderrTTY() && this.colorAllowed();
  }

  /** A question can be asked only when someone can both read it and answer it. */
  canPrompt(): boolean {
    return this.isStdinTTY() && this.isStdoutTTY();
  }

  /** Width of the terminal stdout writes to; undefined when stdout is not a terminal. */
  terminalWidth(): number | undefined {
    return this.isStdoutTTY() && this.stdout.columns ? this.stdout.columns : undefined;
  }

  out(text: string): void {
    this.stdout.write(text);
  }

  err(text: string): void {
    this.stderr.write(text);
  }

  /** Progress on stderr: a spinner on a terminal, one plain line per event otherwise. */
  progress(): Progress {
    return new Progress({
      stream: this.stderr,
      animate: this.isStderrTTY(),
      color: this.stderrColorEnabled(),
      ticker: this.ticker,
    });
  }

  /** All of stdin as UTF-8 text (for `-` in place of a file name). */
  async readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stdin) chunks.push(Buffer.from(chunk as Buffer | string));
    return Buffer.concat(chunks).toString('utf8');
  }

  private colorAllowed(): boolean {
    const noColor = this.env['NO_COLOR'];
    return (
      !this.colorDisabled &&
      (noColor === undefined || noColor === '') &&
      this.env['TERM'] !== 'dumb'
    );
  }
}

/** The streams of a running process. Only bin scripts and OneCommand call this. */
export function ioFromProcess(proc: {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Environment;
}): IOStreams {
  return new IOStreams({
    stdin: proc.stdin,
    stdout: proc.stdout,
    stderr: proc.stderr,
    env: proc.env,
  });
}
