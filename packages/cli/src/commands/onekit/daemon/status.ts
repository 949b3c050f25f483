import { OneCommand, rootFlags } from '../../../command/index.js';
import {
  frontendLocation,
  frontendStatus,
  renderStatus,
  type FrontendStatus,
} from '../../../local-frontend/index.js';

export default class DaemonStatus extends OneCommand<FrontendStatus> {
  static override summary = 'Tell whether the daemon of a root is running, its pid and endpoint.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --location /srv/lab/fe1 --json',
  ];
  static override flags = { ...rootFlags };

  async run(): Promise<FrontendStatus> {
    const { flags } = await this.parse(DaemonStatus);
    return frontendStatus(frontendLocation(flags.location, { env: this.env, cwd: process.cwd() }));
  }

  protected override renderText(status: FrontendStatus): string {
    return renderStatus(status);
  }
}
