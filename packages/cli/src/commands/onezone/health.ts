import { performance } from 'node:perf_hooks';
import { Flags } from '@oclif/core';
import { exitCodes } from '@onekit/core';
import { OneApiCommand } from '../../command/index.js';
import {
  askZoneServers,
  probeZone,
  readNamedZone,
  renderZoneHealth,
  zoneEndpoint,
  zoneHealth,
  type ZoneHealth,
  zoneIdArg,
} from '../../zone/index.js';

export default class ZoneHealthCommand extends OneApiCommand<ZoneHealth> {
  static override summary = 'Check that a zone can commit writes, and how each server is doing.';
  static override description =
    "Asks every server of the zone (those of its server pool, and learners the leader knows) for its own view of the zone's Raft: state, term, commit and applied index, and its lag behind the leader (the leader's commit index minus the server's). A server that does not answer is listed with the reason. Then commits one small write through the zone's endpoint (onekit.zone.probe, forwarded to the leader) and prints how long it took.\n\nExits 0 only when that write committed, 1 otherwise (no quorum, no leader, the endpoint unreachable). Progress goes to stderr; --json prints the whole result for scripts. Needs OneKit daemons: OpenNebula's oned does not define the onekit.zone methods, and its servers are reported as not supporting them.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0',
    '<%= config.bin %> <%= command.id %> 0 --json --timeout 30',
  ];
  static override args = {
    zoneid: zoneIdArg,
  };
  static override flags = {
    timeout: Flags.integer({
      description: 'Seconds the probe write may take to commit.',
      helpValue: 'SECONDS',
      default: 10,
      min: 1,
    }),
  };

  private health: ZoneHealth | undefined;

  async run(): Promise<ZoneHealth> {
    const { args, flags } = await this.parse(ZoneHealthCommand);
    const api = this.oneApi(flags);
    const zone = await readNamedZone(api, args.zoneid);
    const progress = this.io.progress();
    progress.start("Asking the zone's servers for their Raft progress");
    const answers = await askZoneServers(api, zone);
    const answered = answers.servers.filter((s) => s.answer.ok).length;
    progress.succeed(`${answered} of ${answers.servers.length} servers answered`);
    const endpoint = zoneEndpoint(zone, api);
    progress.start(`Committing a probe write through ${endpoint}`);
    const probe = await probeZone(api, endpoint, {
      timeoutMs: flags.timeout * 1000,
      now: () => performance.now(),
    });
    if (probe.ok) progress.succeed(`Probe write committed in ${probe.latencyMs} ms`);
    else progress.fail('Probe write');
    this.health = zoneHealth(zone, answers, probe);
    if (!this.health.healthy) this.exitStatus = exitCodes.ERROR;
    return this.health;
  }

  protected override renderText(): string {
    return renderZoneHealth(this.health!, { color: this.io.colorEnabled() });
  }
}
