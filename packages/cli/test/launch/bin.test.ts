import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { executables } from '../../src/executables/index.js';
import { cliDir, runBin } from '../process/run-bin.js';

// Every executable, as a real process: help, version, unknown commands.

const { version } = JSON.parse(readFileSync(`${cliDir}package.json`, 'utf8')) as {
  version: string;
};

describe('launch/bin (processes)', () => {
  for (const { name, description } of executables) {
    describe(name, () => {
      for (const flag of ['--help', '-h']) {
        it(`answers ${flag} on stdout with its description and usage`, async () => {
          const result = await runBin(name, [flag]);
          assert.equal(result.status, 0, result.stderr);
          assert.ok(
            result.stdout.includes(description.split(' ').slice(0, 4).join(' ')),
            result.stdout,
          );
          assert.match(result.stdout, new RegExp(`\\$ ${name} `));
          assert.equal(result.stderr, '');
        });
      }

      for (const flag of ['--version', '-V']) {
        it(`answers ${flag} with "${name} ${version} (OneKit)"`, async () => {
          assert.deepEqual(await runBin(name, [flag]), {
            status: 0,
            stdout: `${name} ${version} (OneKit)\n`,
            stderr: '',
          });
        });
      }

      it('rejects an unknown command on stderr with exit status 1', async () => {
        const result = await runBin(name, ['no-such-command']);
        assert.equal(result.status, 1);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`^${name}: unknown command "no-such-command"`));
        assert.doesNotMatch(result.stderr, /\n\s+at /);
      });
    });
  }

  it('suggests the closest command', async () => {
    const cases: [string[], string][] = [
      [['pahts'], 'onekit paths'],
      [['templat', 'x.tmpl'], 'onekit template'],
      [['config', 'chek'], 'onekit config check'],
      [['hepl'], 'onekit help'],
    ];
    for (const [argv, suggestion] of cases) {
      const result = await runBin('onekit', argv);
      assert.equal(result.status, 1, argv.join(' '));
      assert.ok(result.stderr.includes(`Did you mean "${suggestion}"?`), result.stderr);
    }
  });

  it('shows help for a topic and for a command', async () => {
    const topic = await runBin('onekit', ['config']);
    assert.equal(topic.status, 0);
    assert.match(topic.stdout, /config check/);
    const command = await runBin('onekit', ['template', '--help']);
    assert.equal(command.status, 0);
    assert.match(command.stdout, /--to=<option>/);
    assert.match(command.stdout, /\$ onekit template vm\.tmpl --to xml/);
  });

  it('answers -V after a command, as OpenNebula commands do', async () => {
    assert.equal((await runBin('onekit', ['paths', '-V'])).stdout, `onekit ${version} (OneKit)\n`);
  });

  it('exits 1 on an unknown flag, naming it', async () => {
    const result = await runBin('onekit', ['paths', '--nope']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--nope/);
    const beforeCommand = await runBin('onezone', ['--nope']);
    assert.equal(beforeCommand.status, 1);
    assert.match(beforeCommand.stderr, /unknown flag "--nope"/);
  });
});
