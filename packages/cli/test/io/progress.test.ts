import assert from 'node:assert/strict';
import { stripSgr, testIO, type Ticker } from '../../src/io/index.js';

/** A ticker the test advances by hand. */
function manualTicker() {
  let tick: (() => void) | undefined;
  const ticker: Ticker = (_ms, fn) => {
    tick = fn;
    return () => {
      tick = undefined;
    };
  };
  return { ticker, advance: () => tick?.(), running: () => tick !== undefined };
}

describe('io/progress', () => {
  it('prints plain lines on stderr when stderr is not a terminal', () => {
    const io = testIO({ tty: false });
    const progress = io.progress();
    progress.start('Copying the database');
    progress.succeed();
    progress.start('Restarting oned');
    progress.fail('Restarting oned on fe2');
    assert.equal(
      io.stderrText(),
      'Copying the database...\nCopying the database: done\nRestarting oned...\nRestarting oned on fe2: failed\n',
    );
    assert.equal(io.stdoutText(), '');
  });

  it('spins on one line on a terminal and stops the ticker when done', () => {
    const clock = manualTicker();
    const io = testIO({ tty: true, ticker: clock.ticker });
    const progress = io.progress();
    progress.start('Syncing');
    clock.advance();
    clock.advance();
    assert.ok(clock.running());
    progress.succeed();
    assert.ok(!clock.running());
    const text = io.stderrText();
    const frames = ['-', '\\', '|', '/'].map((f) => `\r\u001b[K${f} Syncing`);
    assert.deepEqual(
      frames.map((f) => text.split(f).length - 1),
      [1, 1, 1, 0],
      'one frame drawn per tick',
    );
    assert.ok(stripSgr(text).endsWith('\r\u001b[KSyncing: done\n'));
    assert.ok(text.includes('\u001b[32mdone'));
  });

  it('does not colour the outcome when stderr colour is off', () => {
    const io = testIO({ tty: true, env: { NO_COLOR: '1' }, ticker: manualTicker().ticker });
    const progress = io.progress();
    progress.start('Step');
    progress.fail();
    assert.ok(io.stderrText().endsWith('Step: failed\n'));
    assert.equal(stripSgr(io.stderrText()), io.stderrText());
  });
});
