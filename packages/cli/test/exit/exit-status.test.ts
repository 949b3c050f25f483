import assert from 'node:assert/strict';
import { Errors } from '@oclif/core';
import { OneKitError, exitCodes, errorCodes, type ErrorCode } from '@onekit/core';
import { ReportedError, exitStatusFor, failureKind } from '../../src/exit/index.js';

describe('exit/exit-status', () => {
  it('maps OneKit errors by code: cancelled 2, OpenNebula-style failures 255, anything else 1', () => {
    const expected: Partial<Record<ErrorCode, number>> = {
      CANCELLED: 2,
      ONE_API: 255,
      XMLRPC_FAULT: 255,
      OBJECT_NAME: 255,
      TEMPLATE_MISSING: 255,
      ACL_SYNTAX: 255,
      FLAG_REQUIRED: 1,
      FLAG_INVALID: 1,
      COMMAND_UNKNOWN: 1,
      TEMPLATE_SYNTAX: 1,
      CONFIG_INVALID: 1,
      CONNECTION: 1,
    };
    for (const [code, status] of Object.entries(expected)) {
      assert.equal(exitStatusFor(new OneKitError(code as ErrorCode, 'x')), status, code);
    }
    for (const code of Object.keys(errorCodes) as ErrorCode[]) {
      assert.ok(
        Object.values(exitCodes).includes(exitStatusFor(new OneKitError(code, 'x')) as never),
        code,
      );
    }
  });

  it('maps oclif parse errors to 1, not to oclif default 2', () => {
    const parseError = Object.assign(new Errors.CLIError('Nonexistent flag: --nope', { exit: 2 }), {
      parse: {},
    });
    assert.equal(exitStatusFor(parseError), exitCodes.ERROR);
    assert.equal(failureKind(parseError), 'FLAG_INVALID');
  });

  it('keeps the status a command chose with this.exit(n)', () => {
    assert.equal(exitStatusFor(new Errors.ExitError(3)), 3);
    assert.equal(exitStatusFor(new Errors.ExitError(0)), 0);
    assert.equal(failureKind(new Errors.ExitError(3)), 'EXIT');
  });

  it('maps unexpected errors to 1 and reported ones to their status', () => {
    assert.equal(exitStatusFor(new TypeError('boom')), exitCodes.ERROR);
    assert.equal(failureKind(new TypeError('boom')), 'UNEXPECTED');
    assert.equal(exitStatusFor('a string'), exitCodes.ERROR);
    assert.equal(exitStatusFor(new ReportedError(255)), 255);
  });
});
