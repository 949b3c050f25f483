import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OneKitError, type ErrorCode } from '@onekit/core';
import {
  errorResponse,
  okResponse,
  parseResponse,
  parseResponseText,
} from '../../src/protocol/index.js';

describe('protocol/parse-response', () => {
  it('returns the result of an ok response', () => {
    assert.deepEqual(parseResponse('paths', okResponse({ etc: '/etc/one' })), { etc: '/etc/one' });
  });

  it('throws an error response as the OneKitError it was', () => {
    const codes: ErrorCode[] = ['PATH_REFUSED', 'HOST_FILE', 'SERVICE_ACTION', 'AGENT_AUTH'];
    const where = fc.record(
      { file: fc.string(), line: fc.nat(), field: fc.string() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.string(), where, (code, message, at) => {
        const wire = JSON.stringify(errorResponse(new OneKitError(code, message, at)));
        assert.throws(
          () => parseResponseText('read-file', wire),
          (err: unknown) => {
            assert.ok(err instanceof OneKitError);
            assert.equal(err.code, code);
            assert.equal(err.message, message);
            assert.deepEqual(err.where, { ...at });
            return true;
          },
        );
      }),
    );
  });

  it('keeps a code this client does not know in the message, as AGENT_RESPONSE', () => {
    assert.throws(
      () =>
        parseResponse('versions', {
          ok: false,
          error: { code: 'FROM_THE_FUTURE', message: 'new', where: { field: 'x' } },
        }),
      (err: unknown) =>
        err instanceof OneKitError &&
        err.code === 'AGENT_RESPONSE' &&
        err.message.includes('FROM_THE_FUTURE') &&
        err.where.field === 'x',
    );
  });

  it('refuses answers that are not responses, naming the host', () => {
    const malformed = { code: 'AGENT_RESPONSE', where: { field: 'h:1' } };
    assert.throws(() => parseResponseText('paths', '<html>', { host: 'h:1' }), malformed);
    assert.throws(() => parseResponse('paths', { ok: 'yes' }, { host: 'h:1' }), malformed);
    assert.throws(() => parseResponse('paths', { ok: true }, { host: 'h:1' }), malformed);
    assert.throws(
      () => parseResponse('paths', { ok: false, error: {} }, { host: 'h:1' }),
      malformed,
    );
  });
});
