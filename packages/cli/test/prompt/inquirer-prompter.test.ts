import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { stripSgr, testIO } from '../../src/io/index.js';
import { inquirerPrompter } from '../../src/prompt/index.js';

// The real prompt library over in-memory streams: keystrokes in, the drawn prompt out.

/** Resolves once `condition` holds, checking on every turn of the event loop; 5 s at most. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('prompt/inquirer-prompter', () => {
  it('asks on stderr and returns what was typed', async () => {
    const stdin = new PassThrough();
    const io = testIO();
    const answer = inquirerPrompter({ stdin, stderr: io.stderr }).input('Server name');
    await until(() => stripSgr(io.stderrText()).includes('Server name'));
    stdin.write('fe2\r');
    assert.equal(await answer, 'fe2');
    assert.equal(io.stdoutText(), '');
  });

  it('turns an aborted question into CANCELLED', async () => {
    const stdin = new PassThrough();
    const io = testIO();
    const prompter = inquirerPrompter({ stdin, stderr: io.stderr });
    const answer = prompter.confirm('Delete zone 101?');
    await until(() => stripSgr(io.stderrText()).includes('Delete zone 101?'));
    stdin.write('\u0003');
    await assert.rejects(answer, { code: 'CANCELLED' });
  });
});
