import assert from 'node:assert/strict';
import { PromptScriptError, scriptedPrompter } from '../../src/prompt/index.js';

describe('prompt/scripted-prompter', () => {
  it('answers each kind of question from the script and records what was asked', async () => {
    const prompter = scriptedPrompter({
      'Server name': 'fe2',
      Password: 's3cret',
      'Add fe2 to zone 0?': true,
      Backend: 'mysql',
    });
    assert.equal(await prompter.input('Server name'), 'fe2');
    assert.equal(await prompter.password('Password'), 's3cret');
    assert.equal(await prompter.confirm('Add fe2 to zone 0?'), true);
    assert.equal(
      await prompter.select('Backend', [{ value: 'sqlite' }, { value: 'mysql' }]),
      'mysql',
    );
    prompter.verify();
    assert.deepEqual(prompter.asked, ['Server name', 'Password', 'Add fe2 to zone 0?', 'Backend']);
  });

  it('answers a repeated question from its list, in order', async () => {
    const prompter = scriptedPrompter({ 'Another server?': [true, false] });
    assert.equal(await prompter.confirm('Another server?'), true);
    assert.equal(await prompter.confirm('Another server?'), false);
    await assert.rejects(prompter.confirm('Another server?'), PromptScriptError);
  });

  it('fails on a question the script does not have', async () => {
    await assert.rejects(scriptedPrompter({}).input('Zone name'), PromptScriptError);
  });

  it('fails when an answer does not fit the question', async () => {
    await assert.rejects(
      scriptedPrompter({ Proceed: 'yes' }).confirm('Proceed'),
      PromptScriptError,
    );
    await assert.rejects(scriptedPrompter({ Name: true }).input('Name'), PromptScriptError);
    await assert.rejects(
      scriptedPrompter({ Backend: 'oracle' }).select('Backend', [{ value: 'sqlite' }]),
      PromptScriptError,
    );
    const validate = (v: string) => (/^\d+$/.test(v) ? true : 'a number, please');
    await assert.rejects(
      scriptedPrompter({ Port: 'abc' }).input('Port', { validate }),
      PromptScriptError,
    );
  });

  it('verify() fails while scripted answers are left', async () => {
    const prompter = scriptedPrompter({ 'Server name': 'fe2', 'Add fe2 to zone 0?': true });
    await prompter.input('Server name');
    assert.throws(() => prompter.verify(), /Add fe2 to zone 0\?/);
  });
});
