// `onekit-daemon`: runs the daemon in the foreground until SIGTERM or SIGINT, then stops it
// cleanly and exits 0. `--version` prints OneKit's version and the OpenNebula API it
// serves. A start that fails prints the reason on stderr and exits 1.
import { exitCodes, randomHexSecret, type Environment } from '@onekit/core';
import { ONED_API_VERSION, ONEKIT_VERSION } from '../version/index.js';
import { startDaemon } from './daemon.js';
import { processIsAlive } from './lock-file.js';

export interface Output {
  write(text: string): unknown;
}

export interface DaemonCommandOptions {
  readonly argv: readonly string[];
  readonly env: Environment;
  readonly home: string | undefined;
  readonly pid: number;
  readonly stdout: Output;
  readonly stderr: Output;
  /** Resolves with the signal's name when the process is asked to stop. */
  readonly stopRequested: Promise<string>;
}

const USAGE = `Usage: onekit-daemon [options]

Runs the OneKit daemon (OpenNebula-compatible XML-RPC API) in the foreground.
ONE_LOCATION selects a self-contained installation root; otherwise /etc/one, /var/lib/one,
/var/log/one and /var/lock/one are used. SIGTERM or SIGINT stop it cleanly.

Options:
  -V, --version   print the version and exit
  -h, --help      print this help and exit
`;

export async function runDaemonCommand(o: DaemonCommandOptions): Promise<number> {
  const [first, ...rest] = o.argv;
  if (first === '-V' || first === '--version') {
    o.stdout.write(`onekit-daemon ${ONEKIT_VERSION} (OpenNebula ${ONED_API_VERSION} API)\n`);
    return exitCodes.OK;
  }
  if (first === '-h' || first === '--help') {
    o.stdout.write(USAGE);
    return exitCodes.OK;
  }
  if (first !== undefined || rest.length > 0) {
    o.stderr.write(`onekit-daemon: unknown argument ${first}\n${USAGE}`);
    return exitCodes.ERROR;
  }
  let daemon;
  try {
    daemon = await startDaemon({
      env: o.env,
      home: o.home,
      pid: o.pid,
      isProcessAlive: processIsAlive,
      clock: Date.now,
      randomSecret: () => randomHexSecret(),
      requestId: () => Math.floor(Math.random() * 10000),
      random: Math.random,
    });
  } catch (err) {
    o.stderr.write(`onekit-daemon: ${err instanceof Error ? err.message : String(err)}\n`);
    return exitCodes.ERROR;
  }
  o.stdout.write(`onekit-daemon listening on ${daemon.address.host}:${daemon.address.port}\n`);
  const failure = await Promise.race([o.stopRequested.then(() => undefined), daemon.failed]);
  try {
    await daemon.stop();
  } catch (err) {
    o.stderr.write(
      `onekit-daemon: stopping failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return exitCodes.ERROR;
  }
  if (failure !== undefined) {
    o.stderr.write(
      `onekit-daemon: stopped: ${failure instanceof Error ? failure.message : String(failure)}\n`,
    );
    return exitCodes.ERROR;
  }
  return exitCodes.OK;
}
