import assert from 'node:assert/strict';
import { closestMatch } from '../../src/suggest/index.js';

describe('suggest/closest', () => {
  const ids = ['list', 'show', 'server add', 'server del', 'config check'];

  it('suggests the command one typo away', () => {
    assert.equal(closestMatch('lsit', ids), 'list');
    assert.equal(closestMatch('shwo', ids), 'show');
    assert.equal(closestMatch('server ad', ids), 'server add');
    assert.equal(closestMatch('config chek', ids), 'config check');
  });

  it('suggests nothing when no command is close', () => {
    assert.equal(closestMatch('frobnicate', ids), undefined);
    assert.equal(closestMatch('x', ids), undefined);
    assert.equal(closestMatch('list', []), undefined);
  });

  it('prefers the nearest, then the first listed', () => {
    assert.equal(closestMatch('server-dl', ids), 'server del');
    assert.equal(closestMatch('ab', ['ax', 'ay']), 'ax');
  });
});
