import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { checkParams, sessionText } from '../../src/rpc/index.js';

const spec = { params: ['int', 'string', 'boolean', 'i8'] as const, optionalFrom: 2 };

describe('rpc/params', () => {
  it('accepts each declared type exactly, optional trailing ones left out, extras ignored', () => {
    assert.equal(checkParams(spec, [1, 's', true, 5n]), undefined);
    assert.equal(checkParams(spec, [1, 's']), undefined);
    assert.equal(checkParams(spec, [1, 's', false]), undefined);
    assert.equal(checkParams(spec, [1, 's', true, 5n, 'extra', null]), undefined);
    assert.equal(checkParams({ params: [] }, ['anything']), undefined);
  });

  it("refuses as xmlrpc-c does: the first misfit's type, or a missing required one", () => {
    const type = (t: string) => ({
      faultCode: -501,
      faultString: `Parameter that is supposed to be ${t} is not`,
    });
    assert.deepEqual(checkParams(spec, ['1', 's']), type('integer'));
    assert.deepEqual(checkParams(spec, [1.5, 's']), type('integer'));
    assert.deepEqual(checkParams(spec, [1n, 's']), type('integer'));
    assert.deepEqual(checkParams(spec, [1, 2]), type('a string'));
    assert.deepEqual(checkParams(spec, [1, 's', 1]), type('boolean'));
    assert.deepEqual(checkParams(spec, [1, 's', true, 5]), type('64-bit integer'));
    assert.deepEqual(checkParams(spec, [1]), {
      faultCode: -501,
      faultString: 'Not enough parameters',
    });
    assert.deepEqual(checkParams(spec, []), {
      faultCode: -501,
      faultString: 'Not enough parameters',
    });
  });

  it('reads the session as oned does', () => {
    assert.equal(sessionText('a:b'), 'a:b');
    assert.equal(sessionText(12), '12');
    assert.equal(sessionText(12n), '12');
    assert.equal(sessionText(true), '1');
    assert.equal(sessionText(['a']), '');
    assert.equal(sessionText(null), '');
  });
});
