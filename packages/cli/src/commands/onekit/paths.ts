import { Flags } from '@oclif/core';
import { OneCommand, documentFlags } from '../../command/index.js';
import type { PathsReport } from '../../layout/index.js';

export default class Paths extends OneCommand<PathsReport> {
  static override summary =
    'Show where OneKit looks for configuration, state, logs and credentials.';
  static override description =
    'Resolves the layout as every OneKit command does: self-contained under ONE_LOCATION when it is set, system-wide otherwise, plus the ~/.one files of the current user.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    'ONE_LOCATION=/opt/one <%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --location /srv/lab/host1 -y',
  ];
  static override flags = {
    yaml: documentFlags.yaml,
    location: Flags.string({
      description: 'Resolve the self-contained layout under this root instead of ONE_LOCATION.',
      helpValue: 'DIR',
    }),
  };

  async run(): Promise<PathsReport> {
    const { flags } = await this.parse(Paths);
    const { pathsReport } = await import('../../layout/index.js');
    return pathsReport({
      oneLocation: flags.location ?? this.env['ONE_LOCATION'],
      home: this.home,
    });
  }

  protected override async renderText(report: PathsReport): Promise<string> {
    const { renderPathsReport } = await import('../../layout/index.js');
    return renderPathsReport(report);
  }
}
