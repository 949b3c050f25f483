import assert from 'node:assert/strict';
import {
  confirmOrCancel,
  flagOrPrompt,
  flagRequired,
  scriptedPrompter,
} from '../../src/prompt/index.js';
import { testIO } from '../../src/io/index.js';

describe('prompt/flag-or-prompt', () => {
  const terminal = testIO({ tty: true });
  const piped = testIO({ tty: false });

  it('takes the flag without asking, on a terminal or not', async () => {
    const prompter = scriptedPrompter({});
    for (const io of [terminal, piped]) {
      assert.equal(
        await flagOrPrompt({
          value: 'fe2',
          flag: 'name',
          io,
          ask: () => prompter.input('Server name'),
        }),
        'fe2',
      );
    }
    assert.deepEqual(prompter.asked, []);
  });

  it('asks on a terminal when the flag is missing', async () => {
    const prompter = scriptedPrompter({ 'Server name': 'fe2' });
    const name = await flagOrPrompt({
      value: undefined,
      flag: 'name',
      io: terminal,
      ask: () => prompter.input('Server name'),
    });
    assert.equal(name, 'fe2');
    prompter.verify();
  });

  it('names the missing flag when it cannot ask', async () => {
    const prompter = scriptedPrompter({});
    await assert.rejects(
      flagOrPrompt({
        value: undefined,
        flag: 'name',
        io: piped,
        ask: () => prompter.input('Server name'),
      }),
      { code: 'FLAG_REQUIRED', where: { field: 'name' } },
    );
    assert.deepEqual(prompter.asked, []);
    assert.match(flagRequired('rpc').message, /--rpc/);
  });

  describe('confirmOrCancel', () => {
    const message = 'Delete zone 101?';

    it('goes on with --yes without asking', async () => {
      await confirmOrCancel({ message, yes: true, io: piped, prompter: scriptedPrompter({}) });
    });

    it('goes on when the person agrees', async () => {
      const prompter = scriptedPrompter({ [message]: true });
      await confirmOrCancel({ message, yes: false, io: terminal, prompter });
      prompter.verify();
    });

    it('is CANCELLED when the person declines', async () => {
      await assert.rejects(
        confirmOrCancel({
          message,
          yes: false,
          io: terminal,
          prompter: scriptedPrompter({ [message]: false }),
        }),
        { code: 'CANCELLED' },
      );
    });

    it('requires --yes (or the named flag) when it cannot ask', async () => {
      await assert.rejects(
        confirmOrCancel({ message, yes: false, io: piped, prompter: scriptedPrompter({}) }),
        {
          code: 'FLAG_REQUIRED',
          where: { field: 'yes' },
        },
      );
      await assert.rejects(
        confirmOrCancel({
          message,
          yes: false,
          flag: 'force',
          io: piped,
          prompter: scriptedPrompter({}),
        }),
        { code: 'FLAG_REQUIRED', where: { field: 'force' } },
      );
    });
  });
});
