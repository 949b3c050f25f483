import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { CredentialCache, credentialFingerprint } from '../../src/authn/index.js';

describe('authn/credential-cache', () => {
  const setup = (o: { ttlMs?: number; maxEntries?: number } = {}) => {
    let now = 1_000_000;
    const cache = new CredentialCache({ clock: () => now, ttlMs: o.ttlMs ?? 900_000, ...o });
    return { cache, advance: (ms: number) => (now += ms) };
  };
  const fp = credentialFingerprint({ authDriver: 'core', password: 'abc' });

  it('remembers a session for the TTL of the injected clock', () => {
    const { cache, advance } = setup({ ttlMs: 1000 });
    cache.remember('bob:pw', 5, fp);
    advance(999);
    assert.ok(cache.has('bob:pw', 5, fp));
    advance(1);
    assert.ok(!cache.has('bob:pw', 5, fp));
  });

  it('never outlives the bound it was given', () => {
    const { cache, advance } = setup();
    cache.remember('s', 1, fp, 1_000_500);
    advance(499);
    assert.ok(cache.has('s', 1, fp));
    advance(1);
    assert.ok(!cache.has('s', 1, fp));
  });

  it('trusts an entry only for the same user and the same stored credentials', () => {
    const { cache } = setup();
    cache.remember('s', 1, fp);
    assert.ok(!cache.has('s', 2, fp));
    cache.remember('s', 1, fp);
    assert.ok(!cache.has('s', 1, credentialFingerprint({ authDriver: 'core', password: 'abd' })));
    cache.remember('s', 1, fp);
    assert.ok(!cache.has('s', 1, credentialFingerprint({ authDriver: 'ldap', password: 'abc' })));
  });

  it('drops the oldest session beyond its size, and remembers nothing with a TTL of 0', () => {
    const { cache } = setup({ maxEntries: 2 });
    cache.remember('a', 1, fp);
    cache.remember('b', 1, fp);
    cache.remember('c', 1, fp);
    assert.equal(cache.size, 2);
    assert.ok(!cache.has('a', 1, fp));
    const off = setup({ ttlMs: 0 }).cache;
    off.remember('a', 1, fp);
    assert.ok(!off.has('a', 1, fp));
  });
});
