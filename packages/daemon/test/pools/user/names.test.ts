import assert from 'node:assert/strict';
import { sha256Hex } from '@onekit/core';
import { describe, it } from 'mocha';
import {
  GROUP_INVALID_NAME_CHARS,
  nameProblem,
  passwordProblem,
  storedPassword,
  USER_INVALID_NAME_CHARS,
} from '../../../src/pools/user/index.js';

describe('pools/user/names', () => {
  it("applies oned's name rules with its messages", () => {
    assert.equal(nameProblem('alice', USER_INVALID_NAME_CHARS), undefined);
    assert.equal(nameProblem('', USER_INVALID_NAME_CHARS), 'Invalid NAME, it cannot be empty');
    assert.equal(
      nameProblem('a:b', USER_INVALID_NAME_CHARS),
      "Invalid NAME, char ':' is not allowed",
    );
    assert.equal(nameProblem('a$b'), "Invalid NAME, char '$' is not allowed");
    assert.equal(
      nameProblem('a b', GROUP_INVALID_NAME_CHARS),
      "Invalid NAME, char ' ' is not allowed",
    );
    assert.equal(nameProblem('a b'), undefined);
    assert.equal(nameProblem('é'.repeat(64)), undefined);
    assert.equal(nameProblem('é'.repeat(65)), 'Invalid NAME, max length is 128 chars');
  });

  it('limits passwords per driver and refuses blanks', () => {
    assert.equal(passwordProblem('x'.repeat(256), 'core'), undefined);
    assert.equal(
      passwordProblem('x'.repeat(257), 'core'),
      'Password is longer than max allowed length. Max allowed length for the driver core : 256 bytes',
    );
    assert.equal(passwordProblem('x'.repeat(5000), 'mine'), undefined);
    assert.equal(
      passwordProblem('a\tb', 'core'),
      "Invalid password, character '\t' is not allowed",
    );
  });

  it('stores SHA-256 for the core driver and the text otherwise', () => {
    assert.equal(storedPassword('pw', 'core'), sha256Hex('pw'));
    assert.equal(storedPassword('pw', 'server_cipher'), 'pw');
  });
});
