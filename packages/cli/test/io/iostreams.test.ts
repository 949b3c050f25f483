import assert from 'node:assert/strict';
import { testIO } from '../../src/io/index.js';

describe('io/iostreams', () => {
  describe('colour', () => {
    const cases: { name: string; tty: boolean; env: Record<string, string>; color: boolean }[] = [
      { name: 'a terminal with no opinions', tty: true, env: {}, color: true },
      { name: 'a pipe', tty: false, env: {}, color: false },
      { name: 'NO_COLOR set', tty: true, env: { NO_COLOR: '1' }, color: false },
      { name: 'NO_COLOR set to anything', tty: true, env: { NO_COLOR: 'false' }, color: false },
      {
        name: 'NO_COLOR empty (unset, per no-color.org)',
        tty: true,
        env: { NO_COLOR: '' },
        color: true,
      },
      { name: 'TERM=dumb', tty: true, env: { TERM: 'dumb' }, color: false },
      { name: 'TERM=xterm', tty: true, env: { TERM: 'xterm-256color' }, color: true },
    ];
    for (const c of cases) {
      it(`is ${c.color ? 'on' : 'off'} for ${c.name}`, () => {
        const io = testIO({ tty: c.tty, env: c.env });
        assert.equal(io.colorEnabled(), c.color);
        assert.equal(io.stderrColorEnabled(), c.color);
      });
    }

    it('decides stdout and stderr separately', () => {
      const piped = testIO({ tty: { stdout: false, stderr: true } });
      assert.equal(piped.colorEnabled(), false);
      assert.equal(piped.stderrColorEnabled(), true);
    });

    it('is off everywhere after --no-color', () => {
      const io = testIO({ tty: true });
      io.disableColor();
      assert.equal(io.colorEnabled(), false);
      assert.equal(io.stderrColorEnabled(), false);
    });
  });

  describe('prompting', () => {
    const cases = [
      { stdin: true, stdout: true, can: true },
      { stdin: false, stdout: true, can: false },
      { stdin: true, stdout: false, can: false },
      { stdin: false, stdout: false, can: false },
    ];
    for (const c of cases) {
      it(`${c.can ? 'is' : 'is not'} possible with stdin ${c.stdin ? 'a TTY' : 'piped'} and stdout ${c.stdout ? 'a TTY' : 'piped'}`, () => {
        assert.equal(
          testIO({ tty: { stdin: c.stdin, stdout: c.stdout, stderr: true } }).canPrompt(),
          c.can,
        );
      });
    }
  });

  it('knows the terminal width only on a terminal', () => {
    assert.equal(testIO({ tty: true, columns: 120 }).terminalWidth(), 120);
    assert.equal(testIO({ tty: false, columns: 120 }).terminalWidth(), undefined);
  });

  it('keeps stdout and stderr apart', () => {
    const io = testIO();
    io.out('data\n');
    io.err('message\n');
    assert.equal(io.stdoutText(), 'data\n');
    assert.equal(io.stderrText(), 'message\n');
  });

  it('reads stdin to the end', async () => {
    assert.equal(await testIO({ input: 'NAME = x\n' }).readStdin(), 'NAME = x\n');
    assert.equal(await testIO().readStdin(), '');
  });
});
