import { performance } from 'node:perf_hooks';
import { Flags } from '@oclif/core';
import { randomHexSecret } from '@onekit/core';
import { OneCommand } from '../../../command/index.js';
import {
  labDirectory,
  labUp,
  renderLabExports,
  renderLabPhases,
  type LabUpResult,
} from '../../../lab/index.js';

export const labDirFlag = {
  dir: Flags.string({
    description: 'The lab directory (default ./onekit-lab).',
    helpValue: 'DIR',
  }),
};

export default class LabUp extends OneCommand<LabUpResult> {
  static override summary =
    'Build a federation on this machine: zones of servers, each a host of its own.';
  static override description = [
    "Each host is a self-contained root under <dir>/hosts/z<zone>-s<server> (its ONE_LOCATION) with its own loopback address (--address, then the next ones) and its own agent (onekit-agent serve, supervising the host's daemon as the service opennebula); every daemon listens on --port and every agent on --agent-port of its own address. The agents share one token (<dir>/agent_token).",
    'Then the wizards run as an administrator runs them, without questions: onezone fed-master on z0-s0, onezone fed-join for the first server of every other zone, and onezone ha-add for every further server of every zone (the first making the zone HA). Their progress goes to stderr; their run records are kept in <dir>/admin/var/.onekit/runs.',
    'lab.json records the answers and each wizard that finished: running "onekit lab up" again with the same answers continues an interrupted lab (running agents are kept, an interrupted wizard resumes from its run record). Stdout gets the export lines that point the other commands at the master: eval "$(onekit lab up)".',
  ].join('\n\n');
  static override examples = [
    'eval "$(<%= config.bin %> <%= command.id %> --zones 2)" && onezone list',
    '<%= config.bin %> <%= command.id %> --zones 3 --servers 3 --dir /tmp/lab',
  ];
  static override flags = {
    ...labDirFlag,
    zones: Flags.integer({
      description: 'Zones of the federation (zone 0 is the master).',
      default: 2,
      min: 1,
    }),
    servers: Flags.integer({
      description: 'Servers of each zone (more than one: an HA zone).',
      default: 1,
      min: 1,
    }),
    address: Flags.string({
      description: "The first host's loopback address; the others count up from it.",
      default: '127.0.10.1',
      helpValue: 'IP',
    }),
    port: Flags.integer({
      description: 'XML-RPC port of every daemon.',
      default: 2633,
      min: 1,
      max: 65535,
    }),
    'agent-port': Flags.integer({
      description: 'Port of every agent.',
      default: 2635,
      min: 1,
      max: 65535,
    }),
    'wait-timeout': Flags.integer({
      description: 'Seconds to wait for an agent, a daemon or a zone.',
      default: 120,
      min: 1,
      helpValue: 'SECONDS',
    }),
  };

  async run(): Promise<LabUpResult> {
    const { flags } = await this.parse(LabUp);
    const result = await labUp({
      dir: labDirectory(flags.dir, process.cwd()),
      spec: {
        zones: flags.zones,
        servers: flags.servers,
        address: flags.address,
        port: flags.port,
        agentPort: flags['agent-port'],
      },
      env: this.env,
      randomSecret: () => randomHexSecret(),
      say: (line) => this.io.err(line),
      wizardOutput: this.io.stderr,
      waitSeconds: flags['wait-timeout'],
      now: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    this.io.err(renderLabPhases(result));
    return result;
  }

  protected override renderText(result: LabUpResult): string {
    return renderLabExports(result);
  }
}
