import assert from 'node:assert/strict';
import { OneKitError } from '@onekit/core';
import { failureJson, formatFailure } from '../../src/exit/index.js';

describe('exit/report', () => {
  it('prints the executable and the message, without a stack', () => {
    const text = formatFailure(new OneKitError('FLAG_REQUIRED', '--name is required'), {
      bin: 'onezone',
      debug: false,
    });
    assert.equal(text, 'onezone: --name is required\n');
  });

  it('prints what the OpenNebula API answered as it is, as OpenNebula prints it', () => {
    const text = formatFailure(
      new OneKitError('ONE_API', '[one.zone.info] Error getting zone [7].', {
        field: 'one.zone.info',
      }),
      { bin: 'onezone', debug: false },
    );
    assert.equal(text, '[one.zone.info] Error getting zone [7].\n');
  });

  it('points into the file when the error has one', () => {
    const err = new OneKitError('TEMPLATE_SYNTAX', 'bad', {
      file: 'vm.tmpl',
      line: 3,
      column: 5,
      field: 'DISK',
    });
    assert.equal(
      formatFailure(err, { bin: 'onekit', debug: false }),
      'onekit: bad\n  in vm.tmpl:3:5 (DISK)\n',
    );
  });

  it('adds stacks and causes under DEBUG', () => {
    const cause = new Error('inner cause');
    const text = formatFailure(new OneKitError('CONNECTION', 'unreachable', {}, { cause }), {
      bin: 'onezone',
      debug: true,
    });
    assert.match(text, /^onezone: unreachable\n/);
    assert.match(text, /OneKitError: unreachable\n\s+at /);
    assert.match(text, /Error: inner cause\n\s+at /);
  });

  it('gives --json users the code, message and location', () => {
    const err = new OneKitError('CONFIG_INVALID', 'PORT is not a number', {
      file: 'oned.conf',
      line: 4,
      field: 'PORT',
    });
    assert.deepEqual(failureJson(err), {
      error: {
        code: 'CONFIG_INVALID',
        message: 'PORT is not a number',
        where: { file: 'oned.conf', line: 4, field: 'PORT' },
      },
    });
    assert.deepEqual(failureJson(new Error('plain')), {
      error: { code: 'UNEXPECTED', message: 'plain' },
    });
  });
});
