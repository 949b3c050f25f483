import assert from 'node:assert/strict';
import { explainUnknownCommand } from '../../src/suggest/index.js';

describe('suggest/unknown-command', () => {
  const ids = ['paths', 'template', 'config check', 'help'];

  it('suggests from the longest leading words close to a command', () => {
    assert.deepEqual(explainUnknownCommand(['templat', 'x.tmpl'], ids), {
      kind: 'unknown',
      typed: 'templat',
      suggestion: 'template',
    });
    assert.deepEqual(explainUnknownCommand(['config', 'chek'], ids), {
      kind: 'unknown',
      typed: 'config chek',
      suggestion: 'config check',
    });
  });

  it('names the first word when nothing is close', () => {
    assert.deepEqual(explainUnknownCommand(['frobnicate', 'now'], ids), {
      kind: 'unknown',
      typed: 'frobnicate',
    });
  });

  it('tells a command given arguments it does not take', () => {
    assert.deepEqual(explainUnknownCommand(['paths', 'extra', 'more'], ids), {
      kind: 'extra-arguments',
      command: 'paths',
      extra: ['extra', 'more'],
    });
  });
});
