import { Readable, Writable } from 'node:stream';
import type { Environment } from '@onekit/core';
import { IOStreams, type InputStream, type OutputStream } from './iostreams.js';
import type { Ticker } from './progress.js';

export interface TestIOOptions {
  /** Which streams are terminals: one answer for all three, or each on its own. */
  tty?: boolean | { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  env?: Environment;
  /** What stdin will yield. */
  input?: string;
  /** Terminal width reported for stdout. */
  columns?: number;
  ticker?: Ticker;
}

/** IOStreams over memory buffers, with what was written readable back. */
export class TestIOStreams extends IOStreams {
  constructor(
    options: ConstructorParameters<typeof IOStreams>[0],
    private readonly written: { stdout: string[]; stderr: string[] },
  ) {
    super(options);
  }

  stdoutText(): string {
    return this.written.stdout.join('');
  }

  stderrText(): string {
    return this.written.stderr.join('');
  }
}

export function testIO(options: TestIOOptions = {}): TestIOStreams {
  const tty =
    typeof options.tty === 'object'
      ? options.tty
      : { stdin: options.tty, stdout: options.tty, stderr: options.tty };
  const written = { stdout: [] as string[], stderr: [] as string[] };
  const stdin: InputStream = Readable.from(
    options.input === undefined ? [] : [Buffer.from(options.input)],
  );
  stdin.isTTY = tty.stdin === true;
  const stdout = collector(written.stdout, tty.stdout === true);
  stdout.columns = options.columns;
  const stderr = collector(written.stderr, tty.stderr === true);
  return new TestIOStreams(
    { stdin, stdout, stderr, env: options.env ?? {}, ticker: options.ticker },
    written,
  );
}

function collector(into: string[], isTTY: boolean): OutputStream {
  const stream: OutputStream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      into.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  stream.isTTY = isTTY;
  return stream;
}
