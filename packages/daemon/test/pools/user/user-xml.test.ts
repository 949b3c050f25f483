import assert from 'node:assert/strict';
import { Template, templateEquals } from '@onekit/core';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { parseUserBody, userBody, type UserRecord } from '../../../src/pools/user/index.js';

const records: fc.Arbitrary<UserRecord> = fc.record({
  id: fc.nat(1000),
  name: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/),
  gid: fc.nat(200),
  gname: fc.stringMatching(/^[a-z]{1,10}$/),
  groups: fc.uniqueArray(fc.nat(200), { minLength: 1 }).map((g) => g.sort((a, b) => a - b)),
  password: fc.string(),
  authDriver: fc.constantFrom('core', 'public', 'server_cipher', ''),
  enabled: fc.boolean(),
  loginTokens: fc
    .uniqueArray(
      fc.record({
        token: fc.stringMatching(/^[0-9a-f]{1,16}$/),
        expires: fc.integer({ min: -1 }),
        egid: fc.integer({ min: -1, max: 200 }),
      }),
      { selector: (t) => t.token, maxLength: 3 },
    )
    .map((tokens) => tokens.map((t) => ({ ...t })).sort((a, b) => (a.token < b.token ? -1 : 1))),
  template: fc
    .dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), fc.string(), { maxKeys: 4 })
    .map((pairs) => Object.entries(pairs).reduce((t, [k, v]) => t.addSingle(k, v), new Template())),
});

describe('pools/user/user-xml', () => {
  it('reads back every body it writes (property)', () => {
    fc.assert(
      fc.property(records, (user) => {
        const back = parseUserBody(userBody(user));
        const { template, ...rest } = back;
        const { template: expected, ...fields } = user;
        assert.deepEqual(rest, fields);
        assert.ok(templateEquals(template, expected));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a body as oned 5.x wrote it, with an empty TEMPLATE', () => {
    const user = parseUserBody(
      '<USER><ID>3</ID><GID>1</GID><GROUPS><ID>1</ID></GROUPS><GNAME>users</GNAME><NAME>old</NAME>' +
        '<PASSWORD><![CDATA[abc]]></PASSWORD><ENABLED>1</ENABLED><TEMPLATE/></USER>',
    );
    assert.deepEqual(
      [user.id, user.authDriver, user.loginTokens, user.template.size],
      [3, 'core', [], 0],
    );
  });

  it('refuses a body without TEMPLATE, naming the field', () => {
    assert.throws(() => parseUserBody('<USER><ID>3</ID></USER>'), {
      code: 'XML_DOCUMENT',
      where: { field: 'USER/TEMPLATE' },
    });
  });
});
