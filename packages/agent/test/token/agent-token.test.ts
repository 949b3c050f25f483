import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {
  bearerToken,
  ensureAgentToken,
  readAgentToken,
  tokenMatches,
} from '../../src/token/index.js';

describe('token/agent-token', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-token-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a 0600 file with 32 random bytes in hex on first use, then reuses it', async () => {
    const file = path.join(dir, '.one', 'agent_token');
    let calls = 0;
    const random = (size: number) => {
      calls++;
      return new Uint8Array(size).fill(0xab);
    };
    const token = await ensureAgentToken(file, random);
    assert.equal(token, 'ab'.repeat(32));
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal(await readFile(file, 'utf8'), `${token}\n`);
    assert.equal(await ensureAgentToken(file, random), token);
    assert.equal(calls, 1);
  });

  it('refuses a token file that holds no token', async () => {
    const file = path.join(dir, 'token');
    await writeFile(file, '  \n');
    await assert.rejects(readAgentToken(file), { code: 'CONFIG_INVALID', where: { file } });
    await assert.rejects(readAgentToken(path.join(dir, 'none')), { code: 'CONFIG_MISSING' });
  });

  it('matches only the same token', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        assert.equal(tokenMatches(a, b), a === b);
      }),
    );
  });

  it('reads bearer tokens', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer  abc '), 'abc');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken('Bearer a b'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });
});
