import assert from 'node:assert/strict';
import { parseAgentArguments } from '../../src/process/index.js';

describe('process/arguments', () => {
  it('reads the modes and their options', () => {
    assert.deepEqual(parseAgentArguments(['serve']), { mode: 'serve', logToStderr: false });
    assert.deepEqual(parseAgentArguments(['serve', '--config', '/a.yaml', '--log-stderr']), {
      mode: 'serve',
      config: '/a.yaml',
      logToStderr: true,
    });
    assert.deepEqual(parseAgentArguments(['once', '--config=b.yaml']), {
      mode: 'once',
      config: 'b.yaml',
    });
    assert.deepEqual(parseAgentArguments(['-V']), { mode: 'version' });
    assert.deepEqual(parseAgentArguments(['--help']), { mode: 'help' });
  });

  it('refuses unknown modes and options, naming them', () => {
    assert.throws(() => parseAgentArguments([]), {
      code: 'COMMAND_UNKNOWN',
      where: { field: 'mode' },
    });
    assert.throws(() => parseAgentArguments(['run']), {
      code: 'COMMAND_UNKNOWN',
      where: { field: 'run' },
    });
    assert.throws(() => parseAgentArguments(['once', '--log-stderr']), {
      code: 'FLAG_INVALID',
      where: { field: '--log-stderr' },
    });
    assert.throws(() => parseAgentArguments(['serve', '--config']), {
      code: 'FLAG_INVALID',
      where: { field: '--config' },
    });
  });
});
