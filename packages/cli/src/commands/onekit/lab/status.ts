import { OneCommand } from '../../../command/index.js';
import { labDirectory, labStatus, renderLabStatus, type LabStatus } from '../../../lab/index.js';
import { labDirFlag } from './up.js';

export default class LabStatusCommand extends OneCommand<LabStatus> {
  static override summary = "Show a lab's hosts: agent and daemon pids, Raft state and FED_INDEX.";
  static override description =
    'One row per host of the lab that "onekit lab up" built: its zone and server, endpoint, the pids of its agent and daemon (stopped when the recorded process does not run), and what its daemon answers to one.zone.raftstatus with the master\'s oneadmin credentials: Raft state (solo, leader, follower, candidate), term and FEDLOG_INDEX (- when it does not answer). Servers in sync show the same FED_INDEX.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --dir /tmp/lab --json',
  ];
  static override flags = { ...labDirFlag };

  async run(): Promise<LabStatus> {
    const { flags } = await this.parse(LabStatusCommand);
    return labStatus({ dir: labDirectory(flags.dir, process.cwd()) });
  }

  protected override renderText(status: LabStatus): string {
    return renderLabStatus(status, { color: this.io.colorEnabled() });
  }
}
