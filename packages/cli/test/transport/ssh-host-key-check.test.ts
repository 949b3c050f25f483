import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostKeyCheck } from '../../src/transport/ssh-host-key-check.js';
import { hostKeyFingerprint } from '../../src/transport/ssh-known-hosts.js';

function wireKey(type: string, fill: number): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(typeBytes.length);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(32);
  return Buffer.concat([header, typeBytes, length, Buffer.alloc(32, fill)]);
}

const known = wireKey('ssh-ed25519', 1);
const other = wireKey('ssh-ed25519', 2);
const rsa = wireKey('ssh-rsa', 3);

describe('transport/ssh-host-key-check', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-host-keys-'));
    file = join(dir, 'known_hosts');
    writeFileSync(file, `[fe1]:2222 ssh-ed25519 ${known.toString('base64')}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (host: string, checking: 'strict' | 'accept-new', knownHostsFile = file) =>
    HostKeyCheck.load(host, 2222, { checking, knownHostsFile });

  it('strict accepts the recorded key', async () => {
    await (await load('fe1', 'strict')).verify(known);
  });

  it('strict refuses an unknown host, naming the file, and records nothing', async () => {
    const check = await load('fe2', 'strict');
    await assert.rejects(check.verify(known), (err: Error & Record<string, unknown>) => {
      assert.equal(err.code, 'SSH_HOST_UNKNOWN');
      assert.deepEqual(err.where, { file });
      assert.match(err.message, /fe2 port 2222/);
      assert.ok(err.message.includes(hostKeyFingerprint(known)));
      return true;
    });
    assert.equal(readFileSync(file, 'utf8').split('\n').length, 2);
  });

  for (const checking of ['strict', 'accept-new'] as const) {
    it(`${checking} refuses a changed key, pointing at the recorded line`, async () => {
      const check = await load('FE1', checking);
      await assert.rejects(check.verify(other), (err: Error & Record<string, unknown>) => {
        assert.equal(err.code, 'SSH_HOST_KEY_MISMATCH');
        assert.deepEqual(err.where, { file, line: 1 });
        assert.ok(err.message.includes(hostKeyFingerprint(other)));
        return true;
      });
    });
  }

  it('refuses a key revoked in known_hosts, whatever the policy', async () => {
    writeFileSync(file, `@revoked * ssh-ed25519 ${other.toString('base64')}\n`, { flag: 'a' });
    const check = await load('fe3', 'accept-new');
    await assert.rejects(check.verify(other), {
      code: 'SSH_HOST_KEY_MISMATCH',
      where: { file, line: 2 },
    });
  });

  it('accept-new records an unknown host, which strict then accepts', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd()); // no final newline
    await (await load('fe2', 'accept-new')).verify(other);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines[1], `[fe2]:2222 ssh-ed25519 ${other.toString('base64')}`);
    await (await load('fe2', 'strict')).verify(other);
    await assert.rejects((await load('fe2', 'strict')).verify(known), {
      code: 'SSH_HOST_KEY_MISMATCH',
    });
  });

  it('accept-new creates a missing known_hosts 0600 in a 0700 directory', async () => {
    const fresh = join(dir, 'ssh', 'known_hosts');
    await (await load('fe2', 'accept-new', fresh)).verify(other);
    assert.equal(
      readFileSync(fresh, 'utf8'),
      `[fe2]:2222 ssh-ed25519 ${other.toString('base64')}\n`,
    );
    assert.equal(statSync(fresh).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'ssh')).mode & 0o777, 0o700);
  });

  it('strict with a missing known_hosts knows no host', async () => {
    const check = await load('fe1', 'strict', join(dir, 'absent'));
    await assert.rejects(check.verify(known), { code: 'SSH_HOST_UNKNOWN' });
  });

  it('off accepts any key and reads no file', async () => {
    const check = await HostKeyCheck.load('fe1', 2222, { checking: 'off' });
    await check.verify(other);
  });

  it('offers the algorithms of the recorded keys first', async () => {
    writeFileSync(file, `[fe4]:2222 ssh-rsa ${rsa.toString('base64')}\n`, { flag: 'a' });
    const algorithms = (await load('fe4', 'strict')).algorithms();
    assert.deepEqual(algorithms.slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.ok(algorithms.includes('ssh-ed25519'));
    assert.equal(new Set(algorithms).size, algorithms.length);
    assert.equal((await load('fe1', 'strict')).algorithms()[0], 'ssh-ed25519');
  });
});
