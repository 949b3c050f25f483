import { Flags } from '@oclif/core';
import type { PlanOutcome } from '../../plan/index.js';
import { HaWizardCommand } from '../../ha-wizard/wizard-command.js';
import {
  checksDescription,
  hostFlags,
  planFlags,
  sshTransportDescription,
} from '../../ha-wizard/wizard-flags.js';

export default class ZoneHaAdd extends HaWizardCommand {
  static override summary = 'Add a server to an HA zone, step by step, resumable (a wizard).';
  static override description = [
    "Carries out the HA procedure for one new server: backs up the database on the leader's host (--from, default this host) with onedb, copies the backup and the .one directory to the new server's host (--host), stops its daemon and restores the backup there, registers the server in the zone (server-add: it joins as a learner), sets FEDERATION/SERVER_ID in its oned.conf, starts its daemon, waits until the leader has promoted it (caught up), and copies the leader's configuration to it (serversync; --no-serversync skips this). A zone that is not HA yet (a single server) first becomes one: give --first-name and --first-rpc for its server, which is registered as server 0 and restarted as leader.",
    "--dry-run prints the plan and the preflight checks and changes nothing. Before the first change the wizard asks once (--yes does not ask; without a terminal --yes is required). Progress goes to stderr, one line per step. A run record (JSON, written after every step) is kept in <var>/.onekit/runs/ of this machine (/var/lib/one/.onekit/runs or $ONE_LOCATION/var/.onekit/runs): running the same command again resumes after the last finished step. Other answers than the unfinished run's are refused; --restart sets that run aside and starts again. On a failure the wizard stops, undoes the finished steps that have an undo (newest first, down to the first that has none), and prints the command to continue and the backups it took, which are never deleted.",
    'Hosts are reached as serversync reaches them (--transport agent, ssh or local); with the agent transport a host is HOST[:PORT], and its agent must allow <var>/.one and <var>/backups/ha (allowed_roots) and manage the daemon as the service opennebula.',
    sshTransportDescription,
    checksDescription([
      'reachability',
      'versions-equal',
      'quorum-healthy',
      'ports-free',
      'clocks-close',
      'free-disk',
    ]),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --zone 0 --name fe-2 --rpc http://10.0.0.2:2633/RPC2 --host 10.0.0.2 --dry-run',
    '<%= config.bin %> <%= command.id %> --zone 0 --name fe-2 --rpc http://10.0.0.2:2633/RPC2 --host 10.0.0.2 --yes',
    '<%= config.bin %> <%= command.id %> --zone 0 --first-name fe-1 --first-rpc http://10.0.0.1:2633/RPC2 --name fe-2 --rpc http://10.0.0.2:2633/RPC2 --host 10.0.0.2 --yes',
  ];
  static override flags = {
    zone: Flags.string({ description: 'Zone id or name.', helpValue: 'ZONE' }),
    name: Flags.string({ char: 'n', description: 'Name of the new server.', helpValue: 'NAME' }),
    rpc: Flags.string({
      char: 'r',
      description: 'XML-RPC endpoint of the new server.',
      helpValue: 'URL',
    }),
    host: Flags.string({
      description: "The new server's host (with --transport local: its ONE_LOCATION root).",
      helpValue: 'HOST',
    }),
    from: Flags.string({
      description:
        "The leader's host, whose database and configuration are copied (default: this host).",
      helpValue: 'HOST',
    }),
    'first-name': Flags.string({
      description: 'A zone that is not HA yet: the name its single server gets.',
      helpValue: 'NAME',
    }),
    'first-rpc': Flags.string({
      description: "A zone that is not HA yet: its single server's XML-RPC endpoint.",
      helpValue: 'URL',
    }),
    serversync: Flags.boolean({
      description: "Copy the leader's configuration to the new server at the end.",
      default: true,
      allowNo: true,
    }),
    release: Flags.string({
      description: "serversync's file list: OpenNebula 7.x, 6.x or 5.12's.",
      options: ['7', '6', '5.12'],
      default: '7',
    }),
    ...hostFlags,
    ...planFlags,
  };

  async run(): Promise<PlanOutcome> {
    const { flags } = await this.parse(ZoneHaAdd);
    const { haAddPlan, isSolo } = await import('../../ha-wizard/index.js');
    const zone = await this.zone(flags);
    const name = await this.ask('name', flags.name, 'Name of the new server');
    const rpc = await this.ask('rpc', flags.rpc, 'XML-RPC endpoint of the new server');
    const hostSpec = await this.ask('host', flags.host, "The new server's host");
    let first: { name: string; rpc: string } | undefined;
    if (
      flags['first-name'] !== undefined ||
      flags['first-rpc'] !== undefined ||
      isSolo(await zone.servers())
    ) {
      first = {
        name: await this.ask(
          'first-name',
          flags['first-name'],
          "Name of the zone's current server",
        ),
        rpc: await this.ask(
          'first-rpc',
          flags['first-rpc'],
          "XML-RPC endpoint of the zone's current server",
        ),
      };
    }
    const from = await this.host(flags.from, flags);
    const target = await this.host(hostSpec, flags);
    const plan = haAddPlan({
      deps: {
        zone,
        waiting: this.waiting(flags),
        clock: this.clock,
        io: this.io,
        prompter: this.prompter,
        rng: this.rng,
        release: flags.release as '7' | '6' | '5.12',
      },
      server: { name, rpc },
      ...(first ? { first } : {}),
      from,
      target,
      serversync: flags.serversync,
      rerun: this.rerun(),
    });
    return this.runWizard(plan, flags);
  }
}
