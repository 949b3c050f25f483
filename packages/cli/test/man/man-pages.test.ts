import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodes } from '@onekit/core';
import { executables } from '../../src/executables/index.js';
import { manPageInputs, renderManPage, roffText } from '../../src/man/index.js';
import { cliDir } from '../process/run-bin.js';

const repoRoot = join(cliDir, '..', '..');

describe('man', () => {
  it('escapes roff: backslashes, hyphens and leading dots', () => {
    assert.equal(roffText('a\\b --flag'), 'a\\eb \\-\\-flag');
    assert.equal(roffText('.hidden\n\'quote\nplain'), "\\&.hidden\n\\&'quote\nplain");
  });

  it('renders every section from the built manifests', async () => {
    const inputs = await manPageInputs(cliDir);
    assert.deepEqual(inputs.map((i) => i.executable.name), executables.map((e) => e.name));
    const onekit = renderManPage(inputs.find((i) => i.executable.name === 'onekit')!);
    for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'COMMANDS', 'EXIT STATUS', 'ENVIRONMENT', 'FILES', 'SEE ALSO']) {
      assert.match(onekit, new RegExp(`^\\.SH ${section}$`, 'm'), section);
    }
    assert.match(onekit, /^\.SS "config check"$/m);
    assert.match(onekit, /^\\fBonekit template\\fR \\fIFILE\\fR \[\\fIflags\\fR\]$/m);
    assert.match(onekit, /^\\fB\\-\\-to\\fR \\fITO\\fR\n.*One of: cli, oned, xml, json\. Default: cli\.$/m);
    assert.match(onekit, /^onekit template vm\.tmpl \\-\\-to xml$/m, 'examples are expanded');
    for (const status of Object.values(exitCodes)) assert.match(onekit, new RegExp(`^\\\\fB${status}\\\\fR$`, 'm'));
    assert.match(onekit, /^\\fB\\-j\\fR, \\fB\\-\\-json\\fR$/m);
    assert.equal(onekit.match(/\\-\\-json\\fR$/gm)?.length, 1, 'flags every command has are listed once, under OPTIONS');
  });

  it('are up to date in man/ (regenerate with `npm run man`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'onekit-man-'));
    try {
      const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'gen-man.mjs'), '--out', out], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const fresh = readdirSync(out).sort();
      const committed = readdirSync(join(repoRoot, 'man')).filter((f) => f.endsWith('.1')).sort();
      assert.deepEqual(committed, fresh, 'man/ is stale: run `npm run man`');
      for (const file of fresh) {
        assert.equal(readFileSync(join(repoRoot, 'man', file), 'utf8'), readFileSync(join(out, file), 'utf8'), `man/${file} is stale: run \`npm run man\``);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
