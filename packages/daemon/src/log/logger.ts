// The daemon's log, in oned's line format:
//   Sat Nov 21 06:58:47 2026 [Z0][ReM][I]: Req:4711 UID:0 one.zone.info result SUCCESS
// Callers pass the module tag oned uses (ONE, ReM, ZONE, DBM, ...). Messages are single
// lines: embedded line breaks are folded so that one event is one line. Nothing that
// reaches this log may carry a session string, a password or a secret.

export type LogLevel = 'E' | 'W' | 'I' | 'D';

export interface Logger {
  error(module: string, message: string): void;
  warn(module: string, message: string): void;
  info(module: string, message: string): void;
  debug(module: string, message: string): void;
}

/** Where finished lines go (a file, a test buffer). */
export interface LogSink {
  write(line: string): void;
  /** Resolves once every line written so far is out of the process. */
  close(): Promise<void>;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number): string => String(n).padStart(2, '0');

/** ctime(3) layout, in the host's time zone, as oned prints its log times. */
export function formatLogTime(time: Date): string {
  return (
    `${DAYS[time.getDay()]} ${MONTHS[time.getMonth()]} ${two(time.getDate())} ` +
    `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())} ${time.getFullYear()}`
  );
}

export interface LogLine {
  readonly time: Date;
  readonly zoneId: number;
  readonly module: string;
  readonly level: LogLevel;
  readonly message: string;
}

export function formatLogLine({ time, zoneId, module, level, message }: LogLine): string {
  const text = message.replace(/\r?\n|\r/g, ' ');
  return `${formatLogTime(time)} [Z${zoneId}][${module}][${level}]: ${text}\n`;
}

export interface DaemonLogOptions {
  readonly sink: LogSink;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  readonly zoneId: number;
  /** Lines below this level are dropped: E < W < I < D (default D, everything). */
  readonly level?: LogLevel;
}

const RANK: Record<LogLevel, number> = { E: 0, W: 1, I: 2, D: 3 };

export class DaemonLog implements Logger {
  constructor(private readonly options: DaemonLogOptions) {}

  error(module: string, message: string): void {
    this.write('E', module, message);
  }

  warn(module: string, message: string): void {
    this.write('W', module, message);
  }

  info(module: string, message: string): void {
    this.write('I', module, message);
  }

  debug(module: string, message: string): void {
    this.write('D', module, message);
  }

  close(): Promise<void> {
    return this.options.sink.close();
  }

  private write(level: LogLevel, module: string, message: string): void {
    const { sink, clock, zoneId, level: threshold = 'D' } = this.options;
    if (RANK[level] > RANK[threshold]) return;
    sink.write(formatLogLine({ time: new Date(clock()), zoneId, module, level, message }));
  }
}
