import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';
import ServerSync from '../../../src/commands/onezone/serversync.js';
import { ReportedError } from '../../../src/exit/index.js';
import { stripSgr, testIO } from '../../../src/io/index.js';
import { scriptedPrompter, type ScriptedPrompter } from '../../../src/prompt/index.js';
import { runBin } from '../../process/run-bin.js';
import { dbPassword, Frontend } from '../../serversync/frontends.js';

// `onezone serversync` as a user runs it: this host is ONE_LOCATION, the other server an
// agent on another loopback address.

describe('commands/onezone/serversync', function () {
  this.timeout(60_000);
  let fe1: Frontend;
  let fe2: Frontend;
  let dir: string;
  let tokenFile: string;

  beforeEach(async () => {
    [fe1, fe2] = await Promise.all([
      Frontend.create({ host: '127.0.0.2', serverId: 0, zoneId: 0 }),
      Frontend.create({ host: '127.0.0.3', serverId: 1, zoneId: 0 }),
    ]);
    await fe2.startAgent();
    dir = mkdtempSync(join(tmpdir(), 'serversync-cmd-'));
    tokenFile = join(dir, 'fe2_token');
    writeFileSync(tokenFile, `${fe2.agent!.token}\n`, { mode: 0o600 });
  });
  afterEach(async () => {
    await Promise.all([fe1?.remove(), fe2?.remove()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const agentFlags = () => ['--agent-port', String(fe2.root.port), '--agent-token-file', tokenFile];
  const serversync = (args: string[]) =>
    runBin('onezone', ['serversync', ...args], { env: { ONE_LOCATION: fe1.root.dir } });

  describe('process', () => {
    it('exits 0 in sync and 1 with differences in --dry-run and --diff, redacting secrets', async () => {
      const same = await serversync([fe2.host, '--dry-run', ...agentFlags()]);
      assert.equal(same.status, 0, same.stderr);
      const lines = same.stdout.split('\n');
      assert.match(lines[0]!, /^STATUS +ACTION +FILE$/);
      assert.match(same.stdout, /^same +- +oned\.conf$/m);
      assert.match(same.stdout, /^In sync with 127\.0\.0\.3\.$/m);
      assert.match(same.stderr, /^Comparing this host with 127\.0\.0\.3$/m);

      fe2.write('oned.conf', fe2.read('oned.conf').replace(dbPassword, 'Other-pass-1'), 0o640);
      fe2.write('monitord.conf', 'NETWORK = [ PORT = 1 ]\n', 0o640);
      const diff = await serversync([fe2.host, '--diff', ...agentFlags()]);
      assert.equal(diff.status, 1, diff.stderr);
      assert.match(diff.stdout, /^differs +replace +monitord\.conf$/m);
      assert.match(diff.stdout, /^Services to try-restart: opennebula$/m);
      assert.match(diff.stdout, /^\+\s+PASSWD\s+= "<redacted>" \]$/m);
      assert.match(diff.stdout, /^\+NETWORK = \[ PORT = 1 \]$/m);
      assert.ok(!diff.stdout.includes('Other-pass-1') && !diff.stdout.includes(dbPassword));
      assert.equal(stripSgr(diff.stdout), diff.stdout, 'no colour when not a terminal');

      const json = await serversync([fe2.host, '--diff', '--json', ...agentFlags()]);
      assert.equal(json.status, 1, json.stderr);
      const result = JSON.parse(json.stdout);
      assert.equal(result.kind, 'preview');
      assert.deepEqual(
        result.plan.files
          .filter((f: { action: string }) => f.action !== 'none')
          .map((f: { path: string }) => f.path),
        ['oned.conf', 'monitord.conf'],
      );
      assert.ok(!json.stdout.includes('Other-pass-1'));
    });

    it('exits 2 on an error in --dry-run, 1 when syncing', async () => {
      const wrongPort = [
        '--agent-port',
        String(fe2.root.port + 1),
        '--agent-token-file',
        tokenFile,
      ];
      const preview = await serversync([fe2.host, '--dry-run', '--json', ...wrongPort]);
      assert.equal(preview.status, 2);
      assert.equal(JSON.parse(preview.stderr).error.code, 'CONNECTION');
      const syncing = await serversync([fe2.host, '--yes', ...wrongPort]);
      assert.equal(syncing.status, 1);
      const badFlag = await serversync([fe2.host, '--diff', '--release', '4.6']);
      assert.equal(badFlag.status, 2);
    });

    it('requires --yes without a terminal, then syncs, prints the undo, lists and rolls back', async () => {
      fe2.write('oneflow-server.conf', ':port: 2475\n', 0o640);
      const previous = fe1.snapshot();
      const refused = await serversync([fe2.host, '--json', ...agentFlags()]);
      assert.equal(refused.status, 1);
      assert.deepEqual(JSON.parse(refused.stderr).error, {
        code: 'FLAG_REQUIRED',
        message: '--yes is required when not running interactively',
        where: { field: 'yes' },
      });
      assert.deepEqual(fe1.snapshot(), previous);

      const synced = await serversync([fe2.host, '--yes', ...agentFlags()]);
      assert.equal(synced.status, 0, synced.stderr);
      assert.equal(fe1.read('oneflow-server.conf'), ':port: 2475\n');
      assert.match(synced.stdout, /^differs +replace +oneflow-server\.conf$/m);
      // The service is not configured to run here: try-restart leaves it stopped.
      assert.match(synced.stdout, /^Services try-restarted: opennebula-flow \(not running\)$/m);
      const id = /^To undo: onezone serversync --rollback (\S+)$/m.exec(synced.stdout)?.[1];
      assert.ok(id, synced.stdout);
      assert.match(
        synced.stdout,
        new RegExp(`^Backup: ${fe1.root.paths.var}/backups/serversync/${id}$`, 'm'),
      );
      assert.match(
        synced.stderr,
        /^Backing up into .*\nReplaced oneflow-server\.conf\nTry-restarting opennebula-flow$/m,
      );

      const list = await serversync(['--list-backups']);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, new RegExp(`^${id} +\\S+Z +127\\.0\\.0\\.3 +complete +1/1$`, 'm'));
      const back = await serversync(['--rollback', id]);
      assert.equal(back.status, 0, back.stderr);
      assert.match(back.stdout, /^restored oneflow-server\.conf$/m);
      assert.deepEqual(fe1.snapshot(), previous);
      const mixed = await serversync(['--rollback', id, fe2.host]);
      assert.equal(mixed.status, 1);
      assert.match(mixed.stderr, /--rollback takes no server/);
    });

    it('reaches another root on this machine with --transport local, and refuses its own', async () => {
      fe2.write('hm/new.rb', 'puts 1\n', 0o755);
      const other = await serversync([fe2.root.dir, '--transport', 'local', '--dry-run']);
      assert.equal(other.status, 1, other.stderr);
      assert.match(other.stdout, /^only-there +add +hm\/new\.rb$/m);
      const own = await serversync([fe1.root.dir, '--transport', 'local', '--dry-run', '--json']);
      assert.equal(own.status, 2);
      assert.deepEqual(JSON.parse(own.stderr).error.code, 'SERVERSYNC_REFUSED');
      const relative = await serversync(['host2', '--transport', 'local', '--dry-run', '--json']);
      assert.deepEqual(JSON.parse(relative.stderr).error.where, { field: 'server' });
    });

    it('says so when everything is in sync, and lists no backups', async () => {
      const synced = await serversync([fe2.host, '--yes', ...agentFlags()]);
      assert.equal(synced.status, 0, synced.stderr);
      assert.equal(synced.stdout, 'Everything seems synchronized, nothing was replaced.\n');
      const list = await serversync(['--list-backups']);
      assert.equal(list.stdout, 'No serversync backups on this host.\n');
    });
  });

  describe('on a terminal (in-process)', () => {
    let config: Config;
    before(async () => {
      config = await Config.load({
        root: fileURLToPath(new URL('../../..', import.meta.url)),
        userPlugins: false,
      });
    });

    async function run(argv: string[], prompter: ScriptedPrompter) {
      const io = testIO({ tty: true, env: { TERM: 'xterm' } });
      const env = { ONE_LOCATION: fe1.root.dir };
      class OnTerminal extends ServerSync {
        protected override createContext() {
          return { io, env, home: dir };
        }
        protected override get prompter() {
          return prompter;
        }
      }
      let status = 0;
      try {
        await OnTerminal.run([...argv], config);
      } catch (err) {
        assert.ok(err instanceof ReportedError, String(err));
        status = err.exitStatus;
      }
      return { status, stdout: io.stdoutText(), stderr: io.stderrText() };
    }

    it('shows the plan and asks; a refusal is CANCELLED and changes nothing', async () => {
      fe2.write('monitord.conf', 'NETWORK = [ PORT = 2 ]\n', 0o640);
      const question = "Replace this host's files with those of 127.0.0.3?";
      const previous = fe1.snapshot();
      const no = scriptedPrompter({ [question]: false });
      const declined = await run([fe2.host, ...agentFlags()], no);
      no.verify();
      assert.equal(declined.status, 2);
      assert.match(stripSgr(declined.stdout), /^differs +replace +monitord\.conf$/m);
      assert.deepEqual(fe1.snapshot(), previous);

      const yes = scriptedPrompter({ [question]: true });
      const agreed = await run([fe2.host, ...agentFlags()], yes);
      yes.verify();
      assert.equal(agreed.status, 0, agreed.stderr);
      assert.equal(fe1.read('monitord.conf'), 'NETWORK = [ PORT = 2 ]\n');
      assert.notEqual(stripSgr(agreed.stdout), agreed.stdout, 'coloured on a terminal');
      assert.equal(readFileSync(join(fe1.etc, 'monitord.conf'), 'utf8'), fe2.read('monitord.conf'));
    });
  });
});
