import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatRequestLine, openRequestLog } from '../../src/log/index.js';

const entry = {
  time: new Date('2024-05-01T12:00:00.000Z'),
  peer: '127.0.0.1:40000',
  op: 'write-file',
  path: '/etc/one/oned.conf',
  outcome: 'ok' as const,
  durationMs: 3.25,
};

describe('log/request-log', () => {
  it('writes one logfmt line, quoting values with spaces', () => {
    assert.equal(
      formatRequestLine(entry),
      'time=2024-05-01T12:00:00.000Z peer=127.0.0.1:40000 op=write-file path=/etc/one/oned.conf outcome=ok duration_ms=3.3',
    );
    assert.equal(
      formatRequestLine({ ...entry, op: undefined, path: '/a b', outcome: 'AGENT_AUTH' }),
      'time=2024-05-01T12:00:00.000Z peer=127.0.0.1:40000 op=- path="/a b" outcome=AGENT_AUTH duration_ms=3.3',
    );
  });

  it('appends to the log file (0640, directory created) and echoes when asked', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-log-'));
    try {
      const file = path.join(dir, 'log', 'onekit-agent.log');
      let echoed = '';
      const log = await openRequestLog({
        file,
        echo: { write: (text: string) => (echoed += text) },
        warn: { write: () => assert.fail('no warning expected') },
      });
      log.write(entry);
      log.write({ ...entry, service: 'opennebula', action: 'start', path: undefined });
      await log.close();
      const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[1]!, / service=opennebula action=start /);
      assert.equal(echoed, `${lines.join('\n')}\n`);
      assert.equal((await stat(file)).mode & 0o777, 0o640);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('carries on without a file it cannot open, saying so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-log-'));
    try {
      // A regular file where the log directory should be.
      await writeFile(path.join(dir, 'log'), '');
      let warned = '';
      const log = await openRequestLog({
        file: path.join(dir, 'log', 'onekit-agent.log'),
        warn: { write: (text: string) => (warned += text) },
      });
      log.write(entry);
      await log.close();
      assert.match(warned, /cannot write .*\/log\/onekit-agent\.log/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
