import { Args, Flags } from '@oclif/core';
import { exitCodes } from '@onekit/core';
import { OneCommand } from '../../../command/index.js';
import type { ConfigCheck } from '../../../config-check/index.js';

export default class ConfigCheckCommand extends OneCommand<ConfigCheck[]> {
  static override summary = 'Validate oned.conf and the YAML service configurations.';
  static override description =
    'Checks each file with the loader OneKit itself uses. Without files, checks the oned.conf of the layout (ONE_LOCATION or system-wide) and whichever of oneflow-server.conf, onegate-server.conf and econe.conf exist. Each problem names the file, line and key; the exit status is 1 when any file has an error.';
  static override strict = false;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> /etc/one/oned.conf /etc/one/oneflow-server.conf',
    '<%= config.bin %> <%= command.id %> --kind oneflow staging-flow.yaml --json',
  ];
  static override args = {
    file: Args.string({
      description: 'Files to check; the kind is told from the name unless --kind is given.',
    }),
  };
  static override flags = {
    kind: Flags.option({
      description: 'Check every named file as this kind.',
      options: ['oned', 'oneflow', 'onegate', 'econe'] as const,
    })(),
  };

  async run(): Promise<ConfigCheck[]> {
    const { argv, flags } = await this.parse(ConfigCheckCommand);
    const [{ checkConfigs }, { resolvePaths }, { existsSync }] = await Promise.all([
      import('../../../config-check/index.js'),
      import('@onekit/core'),
      import('node:fs'),
    ]);
    const checks = await checkConfigs({
      files: argv as string[],
      kind: flags.kind,
      paths: resolvePaths({ oneLocation: this.env['ONE_LOCATION'] }),
      exists: existsSync,
    });
    if (checks.some((c) => !c.ok)) this.exitStatus = exitCodes.ERROR;
    return checks;
  }

  protected override async renderText(checks: ConfigCheck[]): Promise<string> {
    const { renderConfigChecks } = await import('../../../config-check/index.js');
    return renderConfigChecks(checks);
  }
}
