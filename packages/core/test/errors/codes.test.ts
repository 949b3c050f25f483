import assert from 'node:assert/strict';
import { OneKitError, errorCodes, isOneKitError } from '../../src/errors/index.js';

describe('errors/codes', () => {
  it('keeps the code and location on the error and chains the cause', () => {
    const cause = new Error('inner');
    const err = new OneKitError('TEMPLATE_SYNTAX', 'bad', { file: 'a.tmpl', line: 3 }, { cause });
    assert.equal(err.code, 'TEMPLATE_SYNTAX');
    assert.deepEqual(err.where, { file: 'a.tmpl', line: 3 });
    assert.equal(err.cause, cause);
    assert.ok(isOneKitError(err, 'TEMPLATE_SYNTAX'));
    assert.ok(!isOneKitError(err, 'CONFIG_INVALID'));
    assert.ok(!isOneKitError(new Error('plain')));
  });

  it('describes every code', () => {
    for (const [code, text] of Object.entries(errorCodes)) assert.ok(text.length > 0, code);
  });
});
