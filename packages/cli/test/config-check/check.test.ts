import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePaths } from '@onekit/core';
import {
  checkConfigFile,
  checkConfigs,
  configKindOf,
  renderConfigChecks,
} from '../../src/config-check/index.js';

describe('config-check', () => {
  let root: string;
  const write = (name: string, text: string) => {
    const file = join(root, 'etc', name);
    writeFileSync(file, text);
    return file;
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'onekit-config-check-'));
    mkdirSync(join(root, 'etc'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('tells the kind from the file name', () => {
    assert.equal(configKindOf('/etc/one/oned.conf'), 'oned');
    assert.equal(configKindOf('oneflow-server.conf'), 'oneflow');
    assert.equal(configKindOf('x/onegate-server.conf'), 'onegate');
    assert.equal(configKindOf('econe.conf'), 'econe');
    assert.equal(configKindOf('other.conf'), undefined);
  });

  it('passes a valid oned.conf', async () => {
    const file = write('oned.conf', 'PORT = 2633\nDB = [ BACKEND = "sqlite" ]\n');
    assert.deepEqual(await checkConfigFile(file, 'oned'), {
      file,
      kind: 'oned',
      ok: true,
      findings: [],
    });
  });

  it('names the line and key of an invalid value', async () => {
    const file = write('oned.conf', 'DB = [ BACKEND = "sqlite" ]\nPORT = abc\n');
    const check = await checkConfigFile(file, 'oned');
    assert.equal(check.ok, false);
    assert.deepEqual(
      check.findings.map((f) => [f.severity, f.line, f.field]),
      [['error', 2, 'PORT']],
    );
  });

  it('reports YAML errors with their line and key, and unknown keys as warnings', async () => {
    const bad = write('oneflow-server.conf', ':host: 127.0.0.1\n:port: abc\n');
    const badCheck = await checkConfigFile(bad, 'oneflow');
    assert.equal(badCheck.ok, false);
    assert.deepEqual([badCheck.findings[0]!.line, badCheck.findings[0]!.field], [2, 'port']);
    const odd = write(
      'onegate-server.conf',
      ':one_xmlrpc: http://localhost:2633/RPC2\n:colour: blue\n',
    );
    const oddCheck = await checkConfigFile(odd, 'onegate');
    assert.equal(oddCheck.ok, true);
    assert.deepEqual(
      oddCheck.findings.map((f) => [f.severity, f.line, f.field]),
      [['warning', 2, 'colour']],
    );
  });

  it('reports a missing file as an error', async () => {
    const check = await checkConfigFile(join(root, 'etc', 'oned.conf'), 'oned');
    assert.equal(check.ok, false);
    assert.equal(check.findings[0]!.severity, 'error');
  });

  it('checks oned.conf and the service configs that exist when no file is named', async () => {
    write('oned.conf', 'PORT = 2633\n');
    write('econe.conf', ':port: 4567\n');
    const checks = await checkConfigs({
      files: [],
      paths: resolvePaths({ oneLocation: root }),
      exists: existsSync,
    });
    assert.deepEqual(
      checks.map((c) => [c.kind, c.ok]),
      [
        ['oned', true],
        ['econe', true],
      ],
    );
  });

  it('takes --kind for names OpenNebula does not use, and refuses to guess', async () => {
    const file = write('staging.yaml', ':port: 2474\n');
    const paths = resolvePaths({ oneLocation: root });
    const [guessed] = await checkConfigs({ files: [file], paths, exists: existsSync });
    assert.equal(guessed!.ok, false);
    assert.equal(guessed!.kind, undefined);
    const [forced] = await checkConfigs({
      files: [file],
      kind: 'oneflow',
      paths,
      exists: existsSync,
    });
    assert.deepEqual([forced!.kind, forced!.ok], ['oneflow', true]);
  });

  it('prints ok or one line per finding', () => {
    assert.equal(
      renderConfigChecks([
        { file: 'a.conf', kind: 'oned', ok: true, findings: [] },
        {
          file: 'b.conf',
          kind: 'econe',
          ok: false,
          findings: [
            { severity: 'error', message: 'port: bad', line: 3, field: 'port' },
            { severity: 'warning', message: 'odd' },
          ],
        },
      ]),
      'a.conf: ok\nb.conf:3: error: port: bad\nb.conf: warning: odd\n',
    );
  });
});
