import { OneCommand, rootFlags } from '../../command/index.js';
import {
  frontendLocation,
  renderStopped,
  stopFrontend,
  type FrontendStatus,
} from '../../local-frontend/index.js';

export default class Stop extends OneCommand<FrontendStatus> {
  static override summary = 'Stop the daemon of a local front-end.';
  static override description =
    'Sends SIGTERM to the daemon whose pid "onekit start" recorded in the root and waits until it has stopped. A root whose daemon is not running is left as it is.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --location /srv/lab/fe1',
  ];
  static override flags = { ...rootFlags };

  async run(): Promise<FrontendStatus> {
    const { flags } = await this.parse(Stop);
    return stopFrontend(frontendLocation(flags.location, { env: this.env, cwd: process.cwd() }));
  }

  protected override renderText(status: FrontendStatus): string {
    return renderStopped(status);
  }
}
