import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from '../../../process/run-bin.js';

describe('commands/onekit/config/check (process)', () => {
  let root: string;
  const write = (name: string, text: string) => writeFileSync(join(root, 'etc', name), text);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'onekit-config-'));
    mkdirSync(join(root, 'etc'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('checks the layout of ONE_LOCATION and exits 0 when all is well', async () => {
    write('oned.conf', 'PORT = 2633\n');
    write('oneflow-server.conf', ':port: 2474\n');
    const result = await runBin('onekit', ['config', 'check'], { env: { ONE_LOCATION: root } });
    assert.deepEqual(result, {
      status: 0,
      stdout: `${root}/etc/oned.conf: ok\n${root}/etc/oneflow-server.conf: ok\n`,
      stderr: '',
    });
  });

  it('names file, line and key of each error and exits 1', async () => {
    write('oned.conf', 'PORT = 2633\nFEDERATION = [ MODE = "SOLO" ]\n');
    write('econe.conf', ':port: "x"\n');
    const result = await runBin('onekit', ['config', 'check', '--json'], {
      env: { ONE_LOCATION: root },
    });
    assert.equal(result.status, 1);
    const checks = JSON.parse(result.stdout) as {
      file: string;
      ok: boolean;
      findings: { line?: number; field?: string }[];
    }[];
    assert.deepEqual(
      checks.map((c) => [c.file, c.ok, c.findings[0]?.line, c.findings[0]?.field]),
      [
        [`${root}/etc/oned.conf`, false, 2, 'FEDERATION/MODE'],
        [`${root}/etc/econe.conf`, false, 1, 'port'],
      ],
    );
  });

  it('checks the files named, with --kind for other names', async () => {
    write('flow.yaml', ':port: 2474\n');
    const file = join(root, 'etc', 'flow.yaml');
    const guessed = await runBin('onekit', ['config', 'check', file]);
    assert.equal(guessed.status, 1);
    assert.match(guessed.stdout, /--kind/);
    const forced = await runBin('onekit', ['config', 'check', '--kind', 'oneflow', file]);
    assert.deepEqual(forced, { status: 0, stdout: `${file}: ok\n`, stderr: '' });
  });

  it('fails when oned.conf is missing', async () => {
    const result = await runBin('onekit', ['config', 'check'], { env: { ONE_LOCATION: root } });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /oned\.conf: error: /);
  });
});
