import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaemonRoot, type DaemonProcess } from '../../../daemon/test/support/daemon-root.js';
import { runBin, type BinResult } from './run-bin.js';

// A real onekit-daemon in a temporary root on its own loopback address (the daemon suite's
// harness), and the CLI executables run against it as a user would: ONE_XMLRPC and
// ONE_AUTH set, HOME a temporary directory.

export interface CliDaemon {
  readonly root: DaemonRoot;
  readonly endpoint: string;
  /** The environment of every executable run against this daemon. */
  readonly env: Record<string, string>;
  readonly home: string;
  run(
    bin: string,
    args: readonly string[],
    options?: { input?: string; env?: Record<string, string> },
  ): Promise<BinResult>;
  stop(): Promise<void>;
}

export interface CliDaemonOptions {
  /** Run as a federation master (zones can be created); the database is bootstrapped first. */
  master?: boolean;
}

export async function startCliDaemon(options: CliDaemonOptions = {}): Promise<CliDaemon> {
  const root = await DaemonRoot.create();
  let daemon: DaemonProcess = await root.start();
  if (options.master) {
    // A federation role needs a bootstrapped database: the first start is standalone.
    await daemon.stop();
    root.writeConf({ conf: (conf) => void (conf.federation.mode = 'MASTER') });
    daemon = await root.start();
  }
  const home = mkdtempSync(join(tmpdir(), 'onekit-cli-home-'));
  const endpoint = `http://${root.host}:${root.port}/RPC2`;
  const env = { ONE_XMLRPC: endpoint, ONE_AUTH: root.paths.oneAuth, HOME: home };
  return {
    root,
    endpoint,
    env,
    home,
    run: (bin, args, o = {}) =>
      runBin(bin, args, {
        env: { ...env, ...o.env },
        ...(o.input === undefined ? {} : { input: o.input }),
      }),
    async stop() {
      await daemon.stop();
      root.remove();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
