import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Flags } from '@oclif/core';
import { exitCodes } from '@onekit/core';
import { OneApiCommand } from '../../command/index.js';
import {
  askZoneServers,
  checkZone,
  readNamedZone,
  renderZoneCheck,
  type ZoneCheck,
  zoneIdArg,
} from '../../zone/index.js';

export default class ZoneCheckCommand extends OneApiCommand<ZoneCheck> {
  static override summary = 'Check that every server of a zone holds the same state.';
  static override description =
    "The leader commits a state check (onekit.zone.statecheck); each server, on applying it, records a hash of its whole state. The command asks every server of the zone for that hash until it has applied the check (at most --timeout seconds), and compares each with the leader's. A server whose hash differs has diverged: its database no longer matches the log, and it should get a fresh copy of the leader's database (then onezone server-reset).\n\nExits 0 when every server holds the leader's state, 1 when one diverged, did not apply the check in time or did not answer. Progress goes to stderr; --json prints the whole result. Needs OneKit daemons: OpenNebula's oned does not define the onekit.zone methods.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0',
    '<%= config.bin %> <%= command.id %> 0 --json --timeout 30',
  ];
  static override args = {
    zoneid: zoneIdArg,
  };
  static override flags = {
    timeout: Flags.integer({
      description: 'Seconds the servers have to apply the check.',
      helpValue: 'SECONDS',
      default: 10,
      min: 1,
    }),
  };

  private check: ZoneCheck | undefined;
  private deadlineMs = 0;

  async run(): Promise<ZoneCheck> {
    const { args, flags } = await this.parse(ZoneCheckCommand);
    const api = this.oneApi(flags);
    const zone = await readNamedZone(api, args.zoneid);
    this.deadlineMs = flags.timeout * 1000;
    const progress = this.io.progress();
    progress.start("Finding the zone's servers and its leader");
    const answers = await askZoneServers(api, zone);
    progress.succeed();
    progress.start('Committing a state check');
    this.check = await checkZone(api, zone, answers, {
      deadlineMs: this.deadlineMs,
      clock: { now: () => performance.now(), sleep: (ms) => sleep(ms) },
      onCommitted: (index) => {
        progress.succeed(`State check committed at index ${index}`);
        progress.start('Waiting for every server to apply it');
      },
    });
    if (this.check.consistent) progress.succeed();
    else progress.fail();
    if (!this.check.consistent) this.exitStatus = exitCodes.ERROR;
    return this.check;
  }

  protected override renderText(): string {
    return renderZoneCheck(this.check!, {
      color: this.io.colorEnabled(),
      deadlineMs: this.deadlineMs,
    });
  }
}
