import { Flags } from '@oclif/core';
import { exitCodes, randomHexSecret } from '@onekit/core';
import { OneCommand, rootFlags, toJson } from '../../command/index.js';
import {
  exportLines,
  frontendLocation,
  startFrontend,
  type FrontendStatus,
} from '../../local-frontend/index.js';

export default class Start extends OneCommand<FrontendStatus | undefined> {
  static override summary = 'Run a local front-end: the OneKit daemon in a self-contained root.';
  static override description =
    'Creates the root on first use (default ./.onekit, or ONE_LOCATION): etc/oned.conf listening on --address and --port, and a oneadmin ONE_AUTH file with a random password (0600) in var/.one. Later runs reuse the root and its credentials. Starts onekit-daemon, waits until it answers, and prints the export lines that point the other commands at it on stdout (progress goes to stderr). In the foreground it runs until Ctrl-C or SIGTERM, then stops the daemon; --detach leaves the daemon running (its pid is recorded in the root for "onekit stop").';
  static override examples = [
    'eval "$(<%= config.bin %> <%= command.id %> --detach)" && onezone list',
    '<%= config.bin %> <%= command.id %> --location /srv/lab/fe1 --address 127.0.0.2 --port 2633',
  ];
  static override flags = {
    detach: Flags.boolean({ description: 'Leave the daemon running and return.' }),
    ...rootFlags,
    address: Flags.string({
      description: 'Address a new root listens on (default 127.0.0.1).',
      helpValue: 'IP',
    }),
    port: Flags.integer({
      description: 'XML-RPC port of a new root (default 2633).',
      helpValue: 'PORT',
      min: 1,
      max: 65535,
    }),
  };

  async run(): Promise<FrontendStatus | undefined> {
    const { flags } = await this.parse(Start);
    const frontend = await startFrontend({
      location: frontendLocation(flags.location, { env: this.env, cwd: process.cwd() }),
      address: flags.address,
      port: flags.port,
      detach: flags.detach,
      env: this.env,
      randomSecret: () => randomHexSecret(),
      output: this.io.stderr,
      progress: this.io.progress(),
    });
    if (flags.detach) return frontend.status;
    const stopRequested = new Promise<string>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => resolve(signal));
      }
    });
    // The export lines are needed while the daemon runs, not when it stops.
    this.io.out(flags.json ? toJson(frontend.status) : exportLines(frontend.status));
    const ending = await Promise.race([
      stopRequested.then((signal) => ({ signal })),
      frontend.exited.then((how) => ({ exited: how })),
    ]);
    if ('exited' in ending) {
      // The daemon stopped by itself (a crash, a kill): forget its pid and fail.
      await frontend.stop();
      this.io.err(`onekit-daemon exited on its own (${ending.exited})\n`);
      this.exitStatus = exitCodes.ERROR;
      return undefined;
    }
    const progress = this.io.progress();
    progress.start('Stopping onekit-daemon');
    await frontend.stop();
    progress.succeed();
    return undefined;
  }

  protected override renderText(status: FrontendStatus | undefined): string {
    return status ? exportLines(status) : '';
  }
}
