import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from '../../process/run-bin.js';

describe('commands/onekit/template (process)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-template-'));
    writeFileSync(join(dir, 'vm.tmpl'), 'NAME = "test vm"\nDISK = [ IMAGE_ID = 3 ]\n');
    writeFileSync(join(dir, 'bad.tmpl'), 'NAME = "ok"\nDISK = [ IMAGE_ID = 3,, SIZE = 1 ]\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the CLI form by default, and the other forms with --to', async () => {
    const cli = await runBin('onekit', ['template', 'vm.tmpl'], { cwd: dir });
    assert.deepEqual(cli, {
      status: 0,
      stdout: 'DISK=[\n  IMAGE_ID="3" ]\nNAME="test vm"\n',
      stderr: '',
    });
    assert.equal(
      (await runBin('onekit', ['template', 'vm.tmpl', '--to', 'oned'], { cwd: dir })).stdout,
      'DISK=IMAGE_ID=3\nNAME=test vm\n',
    );
    assert.match(
      (await runBin('onekit', ['template', 'vm.tmpl', '--to', 'xml'], { cwd: dir })).stdout,
      /^<TEMPLATE><DISK>/,
    );
    const json = JSON.parse(
      (await runBin('onekit', ['template', 'vm.tmpl', '--to', 'json'], { cwd: dir })).stdout,
    );
    assert.deepEqual(json, { DISK: { IMAGE_ID: '3' }, NAME: 'test vm' });
    assert.deepEqual(
      JSON.parse((await runBin('onekit', ['template', 'vm.tmpl', '--json'], { cwd: dir })).stdout),
      json,
    );
  });

  it('reads standard input for -', async () => {
    const result = await runBin('onekit', ['template', '-', '--to', 'oned'], {
      input: 'CPU = 2\n',
    });
    assert.deepEqual(result, { status: 0, stdout: 'CPU=2\n', stderr: '' });
  });

  it('shows file, line and columns of a syntax error and exits 1', async () => {
    const result = await runBin('onekit', ['template', 'bad.tmpl'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^onekit: .*at line 2, columns \d+:\d+\n {2}in bad\.tmpl:2:\d+\n$/);
    const json = await runBin('onekit', ['template', 'bad.tmpl', '--json'], { cwd: dir });
    const { error } = JSON.parse(json.stderr);
    assert.equal(error.code, 'TEMPLATE_SYNTAX');
    assert.equal(error.where.file, 'bad.tmpl');
    assert.equal(error.where.line, 2);
  });

  it('exits 1 on a missing file, a missing argument and an unknown form', async () => {
    for (const argv of [['nope.tmpl'], [], ['vm.tmpl', '--to', 'yaml']]) {
      const result = await runBin('onekit', ['template', ...argv], { cwd: dir });
      assert.equal(result.status, 1, argv.join(' '));
      assert.notEqual(result.stderr, '');
    }
  });
});
