import assert from 'node:assert/strict';
import { randomHexSecret } from '../../src/auth/index.js';

describe('auth/random-secret', () => {
  it('gives 64 lowercase hex characters by default', () => {
    assert.match(randomHexSecret(), /^[0-9a-f]{64}$/);
  });

  it('hex-encodes the bytes of the injected source', () => {
    const source = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => i * 17));
    assert.equal(randomHexSecret(4, source), '00112233');
  });

  it('draws fresh bytes each time', () => {
    assert.notEqual(randomHexSecret(), randomHexSecret());
  });
});
