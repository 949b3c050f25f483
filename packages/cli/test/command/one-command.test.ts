import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Args, Config, Flags } from '@oclif/core';
import { OneKitError, type ErrorCode } from '@onekit/core';
import { OneCommand, documentFlags, listFlags } from '../../src/command/index.js';
import { ReportedError } from '../../src/exit/index.js';
import { stripSgr, testIO, type TestIOStreams } from '../../src/io/index.js';
import { renderTable, type TableColumn } from '../../src/table/index.js';
import { tableOptions } from '../../src/command/list-options.js';

interface Zone {
  id: bigint;
  name: string;
}

const columns: TableColumn<Zone>[] = [
  { name: 'ID', description: 'id', size: 3, value: (z) => String(z.id) },
  { name: 'NAME', description: 'name', size: 10, left: true, value: (z) => z.name },
];

/** A command shaped like the real ones, run in-process against buffers. */
function zoneList(io: TestIOStreams, env: Record<string, string> = {}) {
  return class ZoneList extends OneCommand<Zone[]> {
    static override id = 'list';
    static override flags = {
      ...listFlags,
      ...documentFlags,
      fail: Flags.string({ description: 'Fail with this code.' }),
      exit: Flags.integer({ description: 'Exit with this status.' }),
      status: Flags.integer({ description: 'Print, then exit with this status.' }),
    };
    static override args = { filter: Args.string() };

    protected override createContext() {
      return { io, env, home: '/home/oneadmin' };
    }

    async run(): Promise<Zone[]> {
      const { flags } = await this.parse(ZoneList);
      if (flags.fail)
        throw new OneKitError(flags.fail as ErrorCode, 'failed as asked', { field: 'fail' });
      if (flags.exit !== undefined) this.exit(flags.exit);
      if (flags.status !== undefined) this.exitStatus = flags.status;
      this.flags = flags;
      return [{ id: 18446744073709551615n, name: 'OpenNebula' }];
    }

    private flags: Parameters<typeof tableOptions>[0] = {};

    protected override renderText(zones: Zone[]): string {
      return renderTable(zones, { columns }, tableOptions(this.flags, this.io));
    }
  };
}

describe('command/one-command', () => {
  let config: Config;
  before(async () => {
    config = await Config.load({
      root: fileURLToPath(new URL('../..', import.meta.url)),
      userPlugins: false,
    });
  });

  async function run(
    argv: string[],
    options: { tty?: boolean; env?: Record<string, string> } = {},
  ) {
    const io = testIO({ tty: options.tty ?? false });
    let status = 0;
    try {
      await zoneList(io, options.env).run(argv, config);
    } catch (err) {
      assert.ok(err instanceof ReportedError, `unexpected ${String(err)}`);
      status = err.exitStatus;
    }
    return { status, stdout: io.stdoutText(), stderr: io.stderrText() };
  }

  it('renders the result for people', async () => {
    // ID is 3 wide: the 64-bit id is cut, as upstream cuts cells.
    assert.deepEqual(await run([]), {
      status: 0,
      stdout: ' ID NAME\n184 OpenNebula\n',
      stderr: '',
    });
  });

  it('prints the returned data with --json and -j, 64-bit ids intact', async () => {
    const expected = '[\n  {\n    "id": 18446744073709551615,\n    "name": "OpenNebula"\n  }\n]\n';
    assert.equal((await run(['--json'])).stdout, expected);
    assert.equal((await run(['-j'])).stdout, expected);
  });

  it('prints YAML with -y and refuses -x on a command without an XML form', async () => {
    assert.equal((await run(['-y'])).stdout, '- id: 18446744073709551615\n  name: OpenNebula\n');
    const xml = await run(['-x']);
    assert.equal(xml.status, 1);
    assert.match(xml.stderr, /no XML form/);
  });

  it('colours on a terminal, not with --no-color', async () => {
    assert.ok((await run([], { tty: true })).stdout.includes('\u001b[1m'));
    const plain = await run(['--no-color'], { tty: true });
    assert.equal(stripSgr(plain.stdout), plain.stdout);
  });

  it('reports failures on stderr with the status of their kind, without a stack', async () => {
    const cases: [ErrorCode, number, string][] = [
      ['FLAG_REQUIRED', 1, `${config.bin}: `],
      ['CANCELLED', 2, `${config.bin}: `],
      // OpenNebula's CLIs print the server's message alone.
      ['ONE_API', 255, ''],
      ['OBJECT_NAME', 255, ''],
    ];
    for (const [code, status, prefix] of cases) {
      const result = await run(['--fail', code]);
      assert.equal(result.status, status, code);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `${prefix}failed as asked\n`);
    }
  });

  it('adds the stack under DEBUG', async () => {
    assert.match((await run(['--fail', 'CONNECTION'], { env: { DEBUG: '1' } })).stderr, /\n\s+at /);
  });

  it('reports failures as JSON on stderr with --json', async () => {
    const result = await run(['--json', '--fail', 'ONE_API']);
    assert.equal(result.status, 255);
    assert.equal(result.stdout, '');
    assert.deepEqual(JSON.parse(result.stderr), {
      error: { code: 'ONE_API', message: 'failed as asked', where: { field: 'fail' } },
    });
  });

  it('exits 1, not 2, on flag and argument errors', async () => {
    for (const argv of [['--nope'], ['--operator'], ['a', 'b'], ['--csv-del', ';']]) {
      const result = await run(argv);
      assert.equal(result.status, 1, argv.join(' '));
      assert.notEqual(result.stderr, '');
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it('reports flag errors as JSON when --json was typed, though parsing failed', async () => {
    const result = await run(['--json', '--nope']);
    assert.equal(result.status, 1);
    assert.equal(JSON.parse(result.stderr).error.code, 'FLAG_INVALID');
  });

  it('reports an error raised while rendering', async () => {
    const result = await run(['-l', 'NOPE']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /NOPE/);
  });

  it('keeps the status of this.exit(n) and prints nothing for it', async () => {
    assert.deepEqual(await run(['--exit', '3']), { status: 3, stdout: '', stderr: '' });
  });

  it('prints the result and then fails when the command sets exitStatus', async () => {
    const result = await run(['--status', '1']);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /OpenNebula/);
    assert.equal(result.stderr, '');
  });
});
