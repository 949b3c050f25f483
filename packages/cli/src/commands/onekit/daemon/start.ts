import { randomHexSecret } from '@onekit/core';
import { OneCommand, rootFlags } from '../../../command/index.js';
import {
  frontendLocation,
  renderStatus,
  startFrontend,
  type FrontendStatus,
} from '../../../local-frontend/index.js';

export default class DaemonStart extends OneCommand<FrontendStatus> {
  static override summary = 'Start the daemon of an existing root in the background.';
  static override description =
    'The lower-level form of "onekit start --detach": the root must exist already (its etc/oned.conf says where the daemon listens). Waits until the daemon answers and records its pid in the root.';
  static override examples = ['<%= config.bin %> <%= command.id %> --location /srv/lab/fe1'];
  static override flags = { ...rootFlags };

  async run(): Promise<FrontendStatus> {
    const { flags } = await this.parse(DaemonStart);
    const frontend = await startFrontend({
      location: frontendLocation(flags.location, { env: this.env, cwd: process.cwd() }),
      detach: true,
      existingRoot: true,
      env: this.env,
      randomSecret: () => randomHexSecret(),
      output: this.io.stderr,
      progress: this.io.progress(),
    });
    return frontend.status;
  }

  protected override renderText(status: FrontendStatus): string {
    return renderStatus(status);
  }
}
