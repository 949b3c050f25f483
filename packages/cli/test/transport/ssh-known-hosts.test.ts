import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import {
  entryMatchesHost,
  hashKnownHostName,
  hostKeyFingerprint,
  knownHostLine,
  knownHostName,
  knownKeyTypes,
  lookUpHostKey,
  parseKnownHosts,
  sshKeyType,
} from '../../src/transport/ssh-known-hosts.js';
import { generateKeyPair } from '../../../../test/support/sshd.js';

const run = promisify(execFile);

/** A key in SSH wire format: string type, string body. */
function wireKey(type: string, body: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(typeBytes.length);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([header, typeBytes, length, Buffer.from(body)]);
}

const keyA = wireKey('ssh-ed25519', new Uint8Array(32).fill(1));
const keyB = wireKey('ssh-ed25519', new Uint8Array(32).fill(2));
const rsaKey = wireKey('ssh-rsa', new Uint8Array(64).fill(3));
const b64 = (key: Buffer): string => key.toString('base64');

const arbitraryKey = fc
  .tuple(
    fc.constantFrom('ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256'),
    fc.uint8Array({ minLength: 16, maxLength: 80 }),
  )
  .map(([type, body]) => wireKey(type, body));
const arbitraryHost = fc.oneof(fc.ipV4(), fc.domain(), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/));
const arbitraryPort = fc.oneof(fc.constant(22), fc.integer({ min: 1, max: 65535 }));

describe('transport/ssh-known-hosts', () => {
  describe('parseKnownHosts', () => {
    it('reads plain, hashed and marked lines with their line numbers', () => {
      const text = [
        '# a comment',
        '',
        `host1,host2 ssh-ed25519 ${b64(keyA)} comment words`,
        `|1|c2FsdA==|aGFzaA== ssh-ed25519 ${b64(keyB)}`,
        `@revoked * ssh-rsa ${b64(rsaKey)}`,
        `@cert-authority *.example ssh-ed25519 ${b64(keyA)}`,
      ].join('\n');
      const entries = parseKnownHosts(text);
      assert.deepEqual(
        entries.map((e) => [e.line, e.marker, e.hosts, e.keyType]),
        [
          [3, undefined, 'host1,host2', 'ssh-ed25519'],
          [4, undefined, '|1|c2FsdA==|aGFzaA==', 'ssh-ed25519'],
          [5, 'revoked', '*', 'ssh-rsa'],
          [6, 'cert-authority', '*.example', 'ssh-ed25519'],
        ],
      );
      assert.ok(entries[0]!.key.equals(keyA));
    });

    it('skips malformed lines as ssh does, keeping the numbering of the others', () => {
      const text = [
        'lonely-host',
        'host ssh-ed25519',
        `host ssh-rsa ${b64(keyA)}`, // the type field disagrees with the key
        'host ssh-ed25519 not*base64',
        `good ssh-ed25519 ${b64(keyA)}`,
      ].join('\n');
      assert.deepEqual(
        parseKnownHosts(text).map((e) => [e.line, e.hosts]),
        [[5, 'good']],
      );
    });
  });

  describe('knownHostName', () => {
    it('is the bare host on port 22 and [host]:port elsewhere', () => {
      assert.equal(knownHostName('fe1.example', 22), 'fe1.example');
      assert.equal(knownHostName('127.0.0.2', 2222), '[127.0.0.2]:2222');
    });
  });

  describe('entryMatchesHost', () => {
    const entry = (hosts: string) => parseKnownHosts(`${hosts} ssh-ed25519 ${b64(keyA)}`)[0]!;

    it('matches lists, wildcards and negations, ignoring case', () => {
      const cases: [string, string, boolean][] = [
        ['fe1,fe2', 'fe2', true],
        ['fe1,fe2', 'fe3', false],
        ['FE1.Example', 'fe1.example', true],
        ['*.example', 'fe1.example', true],
        ['*.example', 'example', false],
        ['fe?', 'fe1', true],
        ['fe?', 'fe10', false],
        ['*.example,!bad.example', 'bad.example', false],
        ['!bad.example,*.example', 'good.example', true],
        ['!bad.example', 'good.example', false],
        ['[127.0.0.2]:2222', '[127.0.0.2]:2222', true],
        ['127.0.0.2', '[127.0.0.2]:2222', false],
        ['[127.0.0.*]:2222', '[127.0.0.9]:2222', true],
        ['a.b', 'axb', false],
      ];
      for (const [hosts, name, expected] of cases) {
        assert.equal(entryMatchesHost(entry(hosts), name), expected, `${hosts} ~ ${name}`);
      }
    });

    it('agrees with ssh-keygen -F on plain patterns', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'onekit-known-hosts-'));
      try {
        const cases: [string, string][] = [
          ['*.example,!bad.example', 'bad.example'],
          ['*.example,!bad.example', 'good.example'],
          ['fe?', 'fe1'],
          ['fe?', 'fe12'],
          ['[10.0.0.*]:2222', '[10.0.0.7]:2222'],
          ['10.0.0.7', '[10.0.0.7]:2222'],
        ];
        for (const [hosts, name] of cases) {
          const file = join(dir, 'known_hosts');
          writeFileSync(file, `${hosts} ssh-ed25519 ${b64(keyA)}\n`);
          const found = await run('ssh-keygen', ['-F', name, '-f', file]).then(
            () => true,
            (err: { code?: number }) => {
              if (err.code === 1) return false;
              throw err;
            },
          );
          assert.equal(entryMatchesHost(entry(hosts), name), found, `${hosts} ~ ${name}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('matches the entries ssh-keygen -H hashed, and only for their own name', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'onekit-known-hosts-'));
      try {
        const file = join(dir, 'known_hosts');
        writeFileSync(
          file,
          `fe1.example ssh-ed25519 ${b64(keyA)}\n[127.0.0.2]:2222 ssh-ed25519 ${b64(keyB)}\n`,
        );
        await run('ssh-keygen', ['-q', '-H', '-f', file]);
        const entries = parseKnownHosts(readFileSync(file, 'utf8'));
        assert.equal(entries.length, 2);
        assert.ok(entries.every((e) => e.hosts.startsWith('|1|')));
        assert.deepEqual(lookUpHostKey(entries, 'fe1.example', keyA), { status: 'known', line: 1 });
        assert.deepEqual(lookUpHostKey(entries, '[127.0.0.2]:2222', keyB), {
          status: 'known',
          line: 2,
        });
        assert.deepEqual(lookUpHostKey(entries, '127.0.0.2', keyB), { status: 'unknown' });
        assert.deepEqual(lookUpHostKey(entries, 'fe1.example', keyB), {
          status: 'changed',
          lines: [1],
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a hashed name matches its own name and no other (property)', () => {
      fc.assert(
        fc.property(
          arbitraryHost,
          arbitraryHost,
          arbitraryPort,
          fc.uint8Array({ minLength: 20, maxLength: 20 }),
          (host, other, port, salt) => {
            const name = knownHostName(host, port);
            const line = `${hashKnownHostName(name, Buffer.from(salt))} ssh-ed25519 ${b64(keyA)}`;
            const [e] = parseKnownHosts(line);
            assert.ok(entryMatchesHost(e!, name));
            const otherName = knownHostName(other, port);
            if (otherName !== name) assert.ok(!entryMatchesHost(e!, otherName));
          },
        ),
      );
    });

    it('a pattern without wildcards matches exactly its own text, ignoring case (property)', () => {
      fc.assert(
        fc.property(arbitraryHost, arbitraryHost, (pattern, name) => {
          assert.equal(
            entryMatchesHost(entry(pattern), name),
            pattern.toLowerCase() === name.toLowerCase(),
          );
        }),
      );
    });
  });

  describe('lookUpHostKey', () => {
    const text = [
      `fe1 ssh-ed25519 ${b64(keyA)}`,
      `fe1 ssh-rsa ${b64(rsaKey)}`,
      `fe2 ssh-ed25519 ${b64(keyB)}`,
      `@revoked * ssh-ed25519 ${b64(wireKey('ssh-ed25519', new Uint8Array(32).fill(9)))}`,
      `@cert-authority fe3 ssh-ed25519 ${b64(keyA)}`,
    ].join('\n');
    const entries = parseKnownHosts(text);

    it('knows a recorded key, by any of the host lines', () => {
      assert.deepEqual(lookUpHostKey(entries, 'fe1', keyA), { status: 'known', line: 1 });
      assert.deepEqual(lookUpHostKey(entries, 'fe1', rsaKey), { status: 'known', line: 2 });
    });

    it('reports a listed host with another key as changed, naming every line of it', () => {
      assert.deepEqual(lookUpHostKey(entries, 'fe1', keyB), { status: 'changed', lines: [1, 2] });
    });

    it('does not take a certificate authority line for a host key', () => {
      assert.deepEqual(lookUpHostKey(entries, 'fe3', keyA), { status: 'unknown' });
    });

    it('refuses a revoked key even for a host recorded with it', () => {
      const revoked = wireKey('ssh-ed25519', new Uint8Array(32).fill(9));
      const withHost = parseKnownHosts(`${text}\nfe9 ssh-ed25519 ${b64(revoked)}`);
      assert.deepEqual(lookUpHostKey(withHost, 'fe9', revoked), { status: 'revoked', line: 4 });
    });

    it('finds every line it writes (property)', () => {
      fc.assert(
        fc.property(
          arbitraryHost,
          arbitraryPort,
          arbitraryKey,
          arbitraryKey,
          (host, port, key, other) => {
            const name = knownHostName(host, port);
            const found = parseKnownHosts(`${text}\n${knownHostLine(name, key)}\n`);
            assert.equal(lookUpHostKey(found, name, key).status, 'known');
            assert.deepEqual(knownKeyTypes(found, name).includes(sshKeyType(key)!), true);
            if (!other.equals(key))
              assert.equal(lookUpHostKey(found, name, other).status !== 'known', true);
          },
        ),
      );
    });
  });

  describe('knownKeyTypes', () => {
    it('lists the types recorded for a host in file order, once each', () => {
      const entries = parseKnownHosts(
        [
          `fe1 ssh-rsa ${b64(rsaKey)}`,
          `fe1 ssh-ed25519 ${b64(keyA)}`,
          `fe1 ssh-ed25519 ${b64(keyB)}`,
          `fe2 ecdsa-sha2-nistp256 ${b64(wireKey('ecdsa-sha2-nistp256', new Uint8Array(8)))}`,
        ].join('\n'),
      );
      assert.deepEqual(knownKeyTypes(entries, 'fe1'), ['ssh-rsa', 'ssh-ed25519']);
      assert.deepEqual(knownKeyTypes(entries, 'fe3'), []);
    });
  });

  describe('hostKeyFingerprint', () => {
    it('is the SHA256 fingerprint ssh-keygen prints', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'onekit-known-hosts-'));
      try {
        const pair = await generateKeyPair(join(dir, 'key'));
        const key = Buffer.from(pair.publicKeyLine.split(' ')[1]!, 'base64');
        assert.equal(hostKeyFingerprint(key), pair.fingerprint);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('sshKeyType', () => {
    it('reads the algorithm name and refuses truncated keys', () => {
      assert.equal(sshKeyType(keyA), 'ssh-ed25519');
      assert.equal(sshKeyType(Buffer.from([0, 0, 0, 9, 0x61])), undefined);
      assert.equal(sshKeyType(Buffer.alloc(2)), undefined);
    });
  });
});
