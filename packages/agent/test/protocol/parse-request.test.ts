import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRequest, parseRequestText, requestText } from '../../src/protocol/index.js';

const refused = (field: string) => ({ code: 'AGENT_REQUEST', where: { field } });

describe('protocol/parse-request', () => {
  it('reads each operation with its parameters', () => {
    assert.deepEqual(parseRequest({ op: 'list-files', params: { root: '/etc/one' } }), {
      op: 'list-files',
      params: { root: '/etc/one' },
    });
    assert.deepEqual(parseRequest({ op: 'versions' }), { op: 'versions', params: {} });
    assert.deepEqual(
      parseRequest({ op: 'service', params: { action: 'try-restart', name: 'opennebula' } }),
      { op: 'service', params: { action: 'try-restart', name: 'opennebula' } },
    );
    assert.deepEqual(
      parseRequest({
        op: 'write-file',
        params: { path: '/etc/one/a', content: 'aGk=', mode: 0o640 },
      }),
      { op: 'write-file', params: { path: '/etc/one/a', content: 'aGk=', mode: 0o640 } },
    );
    assert.deepEqual(parseRequest({ op: 'database-backup', params: {} }), {
      op: 'database-backup',
      params: { args: [] },
    });
  });

  it('refuses unknown operations and malformed requests, naming the field', () => {
    assert.throws(() => parseRequest({ op: 'format-disk' }), refused('op'));
    assert.throws(() => parseRequest({ params: {} }), refused('op'));
    assert.throws(() => parseRequest([1, 2]), refused('request'));
    assert.throws(() => parseRequest({ op: 'paths', params: 'x' }), refused('params'));
    assert.throws(() => parseRequest({ op: 'read-file', params: {} }), refused('params.path'));
    assert.throws(
      () => parseRequest({ op: 'service', params: { action: 'reload', name: 'x' } }),
      refused('params.action'),
    );
    assert.throws(
      () => parseRequest({ op: 'write-file', params: { path: '/a', content: 'not base64!' } }),
      refused('params.content'),
    );
    assert.throws(
      () => parseRequest({ op: 'write-file', params: { path: '/a', content: '', mode: 0o10000 } }),
      refused('params.mode'),
    );
    assert.throws(
      () => parseRequest({ op: 'write-file', params: { path: '/a', content: '', uid: -1 } }),
      refused('params.uid'),
    );
    assert.throws(
      () => parseRequest({ op: 'database-restore', params: { file: '/x', args: [1] } }),
      refused('params.args'),
    );
    assert.throws(() => parseRequestText('{"op":'), refused('request'));
  });

  it('reads back every write-file request it writes', () => {
    const params = fc.record(
      {
        path: fc.string({ minLength: 1 }),
        content: fc.uint8Array().map((bytes) => Buffer.from(bytes).toString('base64')),
        mode: fc.integer({ min: 0, max: 0o7777 }),
        uid: fc.nat(),
        gid: fc.nat(),
        backupDir: fc.string({ minLength: 1 }),
      },
      { requiredKeys: ['path', 'content'] },
    );
    fc.assert(
      fc.property(params, (p) => {
        assert.deepEqual(parseRequestText(requestText('write-file', p)), {
          op: 'write-file',
          params: { ...p },
        });
      }),
    );
  });
});
