import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../../../test/support/eventually.js';
import { startCliDaemon, type CliDaemon } from '../../process/daemon-fixture.js';

// `onezone` as a process against a real daemon (a federation master, so zones can be
// created): text layouts, --json, -x, errors on stderr with exit 255.

const pad = (text: string, width: number) => text.padEnd(width);
const header80 = (text: string) => text.padEnd(80) + '\n';

describe('commands/onezone (processes)', function () {
  this.timeout(60_000);
  let d: CliDaemon;
  let files: string;

  before(async () => {
    d = await startCliDaemon({ master: true });
    files = mkdtempSync(join(tmpdir(), 'onezone-test-'));
  });
  after(async () => {
    await d?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  const onezone = (args: string[], o: { input?: string; env?: Record<string, string> } = {}) =>
    d.run('onezone', args, o);

  it('lists zone 0 with the CURRENT marker, its federation index and STAT', async () => {
    const result = await onezone(['list']);
    assert.equal(result.status, 0, result.stderr);
    const [header, row, ...rest] = result.stdout.split('\n');
    assert.equal(
      header,
      'C   ID NAME            ENDPOINT                                      FED_INDEX  STAT',
    );
    assert.deepEqual(rest, ['']);
    // A master's federated log index: a number, cut to the column's 10 characters.
    const fed = /^\* {4}0 OpenNebula {6}(\S+) +(\d{1,10}) +on$/.exec(row!);
    assert.ok(fed, row);
    assert.equal(fed[1], d.endpoint);
    assert.equal(
      row,
      `*    0 ${pad('OpenNebula', 15)} ${pad(d.endpoint, 45)} ${pad(fed[2]!, 10)} on`,
    );
  });

  it('prints the pool as JSON with numbers, as XML, as CSV, and with chosen columns', async () => {
    const json = await onezone(['list', '--json']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).ZONE_POOL.ZONE[0], {
      ID: 0,
      NAME: 'OpenNebula',
      STATE: 0,
      TEMPLATE: { ENDPOINT: d.endpoint },
      SERVER_POOL: { SERVER: [] },
    });
    const xml = await onezone(['list', '-x']);
    assert.match(
      xml.stdout,
      /^<ZONE_POOL><ZONE><ID>0<\/ID><NAME>OpenNebula<\/NAME>.*<\/ZONE_POOL>\n$/,
    );
    const csv = await onezone(['list', '--csv', '-l', 'ID,NAME,STAT']);
    assert.equal(csv.stdout, 'ID,NAME,STAT\n0,OpenNebula,on\n');
    const bare = await onezone(['list', '--no-header', '-l', 'NAME,ENDPOINT']);
    assert.equal(bare.stdout, `${pad('OpenNebula', 15)} ${d.endpoint}\n`);
    const filtered = await onezone(['list', '--csv', '-l', 'ID', '-f', 'NAME=nothing']);
    assert.equal(filtered.stdout, 'ID\n');
    const describe = await onezone(['list', '--describe']);
    assert.match(describe.stdout, /^FED_INDEX {11}: Federation index$/m);
  });

  it('shows a zone by id and by name in the upstream layout', async () => {
    const expected =
      header80('ZONE 0 INFORMATION') +
      'ID                : 0                   \n' +
      'NAME              : OpenNebula          \n' +
      'STATE             : ENABLED             \n' +
      '\n\n' +
      header80('ZONE TEMPLATE') +
      `ENDPOINT="${d.endpoint}"\n`;
    for (const zone of ['0', 'OpenNebula']) {
      const result = await onezone(['show', zone]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, expected);
    }
    const xml = await onezone(['show', '0', '-x']);
    assert.match(xml.stdout, /^<ZONE><ID>0<\/ID>.*<SERVER_POOL><\/SERVER_POOL><\/ZONE>\n$/);
    const yaml = await onezone(['show', '0', '-y']);
    assert.match(yaml.stdout, /^ZONE:\n {2}ID: 0\n {2}NAME: OpenNebula\n/);
  });

  it('prints server errors and unknown names on stderr, as OpenNebula does, with exit 255', async () => {
    assert.deepEqual(await onezone(['show', '77']), {
      status: 255,
      stdout: '',
      stderr: '[one.zone.info] Error getting zone [77].\n',
    });
    assert.deepEqual(await onezone(['show', 'nowhere']), {
      status: 255,
      stdout: '',
      stderr: 'ZONE named nowhere not found.\n',
    });
    const json = await onezone(['show', '77', '--json']);
    assert.equal(json.status, 255);
    assert.deepEqual(JSON.parse(json.stderr).error.where, { field: 'one.zone.info' });
    assert.equal(JSON.parse(json.stderr).error.code, 'ONE_API');
  });

  it('fails with CONNECTION, naming the endpoint, when nothing answers', async () => {
    const result = await onezone(['list', '--json'], {
      env: { ONE_XMLRPC: 'http://127.0.0.1:9/RPC2' },
    });
    assert.equal(result.status, 1);
    const { error } = JSON.parse(result.stderr);
    assert.equal(error.code, 'CONNECTION');
    assert.match(error.message, /http:\/\/127\.0\.0\.1:9\/RPC2/);
  });

  describe('zones created, changed and deleted', () => {
    let east: number;
    let west: number;

    before(async () => {
      const file = join(files, 'east.tmpl');
      writeFileSync(file, 'NAME = "east"\nENDPOINT = "http://127.0.0.1:9/RPC2"\n');
      const fromFile = await onezone(['create', file]);
      assert.equal(fromFile.status, 0, fromFile.stderr);
      east = Number(/^ID: (\d+)\n$/.exec(fromFile.stdout)![1]);
      const fromStdin = await onezone(['create'], {
        input:
          'NAME = "west"\nENDPOINT = "http://127.0.0.1:9/RPC2"\nONEFLOW_ENDPOINT = "http://127.0.0.1:9/flow"\n',
      });
      assert.equal(fromStdin.status, 0, fromStdin.stderr);
      west = Number(/^ID: (\d+)\n$/.exec(fromStdin.stdout)![1]);
    });

    it('gives user zones ids from 100', () => {
      assert.ok(east >= 100 && west === east + 1, `${east} ${west}`);
    });

    it('refuses a create without a template, exit 255', async () => {
      assert.deepEqual(await onezone(['create']), {
        status: 255,
        stdout: '',
        stderr: 'No zone template provided\n',
      });
    });

    it('lists other zones without the CURRENT marker and with FED_INDEX "-" when unreachable', async () => {
      const result = await onezone(['list', '-l', 'CURRENT,ID,NAME,FED_INDEX', '-f', 'NAME=east']);
      const [header, row, ...rest] = result.stdout.split('\n');
      assert.equal(header, 'C   ID NAME            FED_INDEX');
      assert.equal(row, `  ${String(east).padStart(4)} east            -`);
      // The master may already report the zones it cannot ship to (tested below).
      assert.deepEqual(
        rest.filter((line) => !line.startsWith('WARNING: ')),
        [''],
      );
    });

    it('warns under the list and the show of a zone the master cannot reach, in text only', async () => {
      const warning = `WARNING: zone ${east} (east) cannot be reached by the federation master at http://127.0.0.1:9/RPC2`;
      const listed = await eventually('the unreachable warning', async () => {
        const result = await onezone(['list']);
        return result.stdout.includes(warning) ? result : undefined;
      });
      assert.equal(listed.status, 0, listed.stderr);
      const lines = listed.stdout.split('\n');
      const firstWarning = lines.findIndex((line) => line.startsWith('WARNING: '));
      assert.ok(lines.slice(firstWarning, -1).every((line) => line.startsWith('WARNING: ')));
      assert.ok(lines.slice(1, firstWarning).every((line) => /^[ *] +\d+ /.test(line)));

      const shown = await onezone(['show', 'east']);
      assert.equal(shown.status, 0, shown.stderr);
      assert.ok(shown.stdout.includes(warning), shown.stdout);
      assert.ok(!shown.stdout.includes(`zone ${west} (west)`), shown.stdout);

      for (const args of [
        ['list', '--csv'],
        ['list', '--json'],
        ['list', '-x'],
        ['show', 'east', '--json'],
      ]) {
        const result = await onezone(args);
        assert.equal(result.status, 0, result.stderr);
        assert.ok(!result.stdout.includes('WARNING'), args.join(' '));
      }
    });

    it('appends to a template and replaces it', async () => {
      const append = await onezone(['update', 'east', '--append', '-v'], {
        input: 'DESCRIPTION = "east coast"\n',
      });
      assert.deepEqual(append, { status: 0, stdout: `ZONE ${east}: modified\n`, stderr: '' });
      let show = JSON.parse((await onezone(['show', String(east), '--json'])).stdout);
      assert.deepEqual(show.ZONE.TEMPLATE, {
        DESCRIPTION: 'east coast',
        ENDPOINT: 'http://127.0.0.1:9/RPC2',
      });
      const file = join(files, 'replace.tmpl');
      writeFileSync(file, 'ENDPOINT = "http://127.0.0.1:8/RPC2"\n');
      assert.equal((await onezone(['update', String(east), file])).status, 0);
      show = JSON.parse((await onezone(['show', String(east), '--json'])).stdout);
      assert.deepEqual(show.ZONE.TEMPLATE, { ENDPOINT: 'http://127.0.0.1:8/RPC2' });
    });

    it('wants a template file for update when nothing is piped and there is no terminal', async () => {
      const result = await onezone(['update', String(east), '--json']);
      assert.equal(result.status, 1);
      const { error } = JSON.parse(result.stderr);
      assert.deepEqual([error.code, error.where], ['FLAG_REQUIRED', { field: 'file' }]);
    });

    it('renames, saying so with -v', async () => {
      assert.deepEqual(await onezone(['rename', String(east), 'eastern', '-v']), {
        status: 0,
        stdout: `ZONE ${east}: renamed\n`,
        stderr: '',
      });
      assert.equal(JSON.parse((await onezone(['show', 'eastern', '--json'])).stdout).ZONE.ID, east);
      assert.equal((await onezone(['rename', 'eastern', 'east'])).status, 0);
    });

    it('sets the endpoints in ~/.one, or prints the export lines with --keep', async () => {
      const set = await onezone(['set', 'west']);
      assert.equal(set.status, 0, set.stderr);
      const dir = join(d.home, '.one');
      assert.equal(
        set.stdout,
        `Endpoint changed to "http://127.0.0.1:9/RPC2" in ${dir}/one_endpoint\n` +
          `OneFlow Endpoint changed to "http://127.0.0.1:9/flow" in ${dir}/oneflow_endpoint\n`,
      );
      assert.equal(readFileSync(join(dir, 'one_endpoint'), 'utf8'), 'http://127.0.0.1:9/RPC2\n');
      assert.equal(
        readFileSync(join(dir, 'oneflow_endpoint'), 'utf8'),
        'http://127.0.0.1:9/flow\n',
      );
      const keep = await onezone(['set', '0', '-k']);
      assert.equal(keep.stdout, `Type: export ONE_XMLRPC=${d.endpoint}\n`);
      assert.equal(readFileSync(join(dir, 'one_endpoint'), 'utf8'), 'http://127.0.0.1:9/RPC2\n');
    });

    it('disables and enables the local zone', async () => {
      assert.equal((await onezone(['disable', '0', '-v'])).stdout, 'ZONE 0: disable zone\n');
      const off = await onezone(['list', '--csv', '-l', 'ID,STAT', '-f', 'ID=0']);
      assert.equal(off.stdout, 'ID,STAT\n0,off\n');
      assert.equal((await onezone(['enable', 'OpenNebula', '-v'])).stdout, 'ZONE 0: enable zone\n');
      const on = await onezone(['show', '0', '--json']);
      assert.equal(JSON.parse(on.stdout).ZONE.STATE, 0);
    });

    it('refuses to delete a system zone, deletes the others in the range, exit 255', async () => {
      const result = await onezone(['delete', `0,${east}..${west}`, '-v']);
      assert.equal(result.status, 255);
      assert.equal(result.stdout, `ZONE ${east}: deleted\nZONE ${west}: deleted\n`);
      assert.equal(
        result.stderr,
        '[one.zone.delete] Cannot delete zone. System Zones (ID < 100) cannot be deleted.\n',
      );
      const json = await onezone(['delete', String(west), '--json']);
      assert.equal(json.status, 255);
      assert.deepEqual(JSON.parse(json.stdout), {
        resource: 'ZONE',
        action: 'deleted',
        done: [],
        failed: [
          { id: west, code: 'ONE_API', message: `[one.zone.delete] Error getting zone [${west}].` },
        ],
      });
    });
  });
});
