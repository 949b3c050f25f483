import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../../test/support/eventually.js';
import { Federation, type Member } from '../../../../test/support/federation.js';
import { DaemonRoot } from '../../../daemon/test/support/daemon-root.js';
import { runBin } from '../process/run-bin.js';

// `onezone list`, `show` and `disable` as processes against a federation of real daemons
// (a solo master and two solo slaves): FED_INDEX of every zone, the federation warnings,
// and a slave zone's state set through its own endpoint reaching the other zones.

describe('onezone in a federation (processes)', function () {
  this.timeout(120_000);
  let federation: Federation;
  let zoneA: Member;
  let zoneB: Member;
  let home: string;

  before(async () => {
    federation = await Federation.create({ createRoot: (o) => DaemonRoot.create(o) });
    zoneA = await federation.addSlave('zone-a');
    zoneB = await federation.addSlave('zone-b');
    home = mkdtempSync(join(tmpdir(), 'onekit-cli-home-'));
  });
  after(async () => {
    await federation?.stopAll();
    rmSync(home, { recursive: true, force: true });
  });

  /** `onezone` run against `member`'s endpoint. */
  const onezone = (member: Member, args: string[]) =>
    runBin('onezone', args, {
      env: { ONE_XMLRPC: member.root.endpoint, ONE_AUTH: member.root.paths.oneAuth, HOME: home },
    });

  const rowsOf = (stdout: string) =>
    stdout
      .split('\n')
      .slice(1)
      .filter((line) => line !== '' && !line.startsWith('WARNING: '));

  it('lists one FED_INDEX for every zone and no warning once the federation is in sync', async () => {
    const session = federation.master.root.session;
    const created = await federation.masterProcess.client.call(
      'one.user.allocate',
      session,
      'fed-user',
      'pw',
      '',
    );
    assert.equal(created.ok, true);
    const listed = await eventually('a list without warnings', async () => {
      const result = await onezone(zoneA, ['list']);
      return result.status === 0 && !result.stdout.includes('WARNING') ? result : undefined;
    });
    const rows = rowsOf(listed.stdout);
    assert.equal(rows.length, 3, listed.stdout);
    const fedIndexes = rows.map((row) => row.trim().split(/\s+/).at(-2));
    assert.ok(
      fedIndexes.every((i) => i === fedIndexes[0] && /^\d+$/.test(i!)),
      listed.stdout,
    );
    // The client's endpoint is zone A's.
    assert.match(
      rows.find((row) => row.startsWith('*'))!,
      new RegExp(` ${zoneA.zoneId} zone-a `),
    );
  });

  it('warns while the master cannot reach a zone, under list and show', async () => {
    await federation.stop(zoneB.root);
    const warning = `WARNING: zone ${zoneB.zoneId} (zone-b) cannot be reached by the federation master`;
    const listed = await eventually('the unreachable warning', async () => {
      await federation.masterProcess.client.call(
        'one.group.allocate',
        federation.master.root.session,
        `while-b-down-${Date.now()}`,
      );
      const result = await onezone(federation.master, ['list']);
      return result.stdout.includes(warning) ? result : undefined;
    });
    const rowB = rowsOf(listed.stdout).find((row) => row.includes('zone-b'))!;
    assert.equal(rowB.trim().split(/\s+/).at(-2), '-');
    const shown = await onezone(zoneA, ['show', String(zoneB.zoneId)]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.ok(shown.stdout.includes(warning), shown.stdout);
    const json = await onezone(zoneA, ['show', String(zoneB.zoneId), '--json']);
    assert.ok(!json.stdout.includes('WARNING'));

    await federation.start(zoneB.root);
    await eventually('the warnings gone after the zone is back', async () => {
      const result = await onezone(zoneA, ['list']);
      return result.status === 0 && !result.stdout.includes('WARNING') ? true : undefined;
    });
  });

  it('disables a slave zone through its own endpoint, and only that zone', async () => {
    const disabled = await onezone(zoneA, ['disable', String(zoneA.zoneId)]);
    assert.equal(disabled.status, 0, disabled.stderr);
    const stat = (stdout: string) =>
      Object.fromEntries(
        stdout
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',')),
      );
    await eventually('zone A off in every zone copy', async () => {
      for (const member of [federation.master, zoneA, zoneB]) {
        const result = await onezone(member, ['list', '--csv', '-l', 'ID,STAT']);
        const states = stat(result.stdout);
        if (states[String(zoneA.zoneId)] !== 'off') return undefined;
        assert.equal(states['0'], 'on');
        assert.equal(states[String(zoneB.zoneId)], 'on');
      }
      return true;
    });
    const enabled = await onezone(zoneA, ['enable', String(zoneA.zoneId)]);
    assert.equal(enabled.status, 0, enabled.stderr);
  });
});
