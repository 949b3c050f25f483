import { performance } from 'node:perf_hooks';
import { Flags } from '@oclif/core';
import { OneCommand } from '../../../command/index.js';
import { labDirectory, labDown, renderLabDown, type LabDownResult } from '../../../lab/index.js';
import { labDirFlag } from './up.js';

export default class LabDown extends OneCommand<LabDownResult> {
  static override summary = 'Stop every process of a lab; --purge also removes it.';
  static override description =
    'Sends SIGTERM to each agent whose pid the lab recorded (an agent stops the daemon it supervises), then to a daemon that still runs (by the pid its agent recorded), and SIGKILL to what has not ended within --wait-timeout seconds. Only those processes are signalled. --purge then removes the lab directory; without it, "onekit lab up" starts the same lab again.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --purge',
  ];
  static override flags = {
    ...labDirFlag,
    purge: Flags.boolean({ description: 'Remove the lab directory afterwards.' }),
    'wait-timeout': Flags.integer({
      description: 'Seconds a process has to end after SIGTERM.',
      default: 20,
      min: 1,
      helpValue: 'SECONDS',
    }),
  };

  async run(): Promise<LabDownResult> {
    const { flags } = await this.parse(LabDown);
    return labDown({
      dir: labDirectory(flags.dir, process.cwd()),
      purge: flags.purge,
      deadlineMs: flags['wait-timeout'] * 1000,
      say: (line) => this.io.err(line),
      now: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  }

  protected override renderText(result: LabDownResult): string {
    return renderLabDown(result);
  }
}
