import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactLines, redactText, redactionRules } from '../../src/serversync/index.js';

const secret = 's3cr3t-Value';

describe('serversync/redaction', () => {
  const cases: [rule: string, line: string, shown: string][] = [
    [
      'assignment',
      `DB = [ BACKEND = "mysql", PASSWD = "${secret}" ]`,
      'DB = [ BACKEND = "mysql", PASSWD = "<redacted>" ]',
    ],
    ['assignment', `  passwd  = ${secret},`, '  passwd  = <redacted>,'],
    ['assignment', `TOKEN_PASSWORD='${secret}' # set`, "TOKEN_PASSWORD='<redacted>' # set"],
    ['assignment', `export ONE_DB_PASSWORD=${secret}`, 'export ONE_DB_PASSWORD=<redacted>'],
    ['mapping', `:password: ${secret}`, ':password: <redacted>'],
    ['mapping', `  secret_access_key: "${secret}"`, '  secret_access_key: "<redacted>"'],
    ['mapping', `  "token": "${secret}",`, '  "token": "<redacted>",'],
    [
      'xml-element',
      `<PASSWORD>${secret}</PASSWORD><NAME>x</NAME>`,
      '<PASSWORD><redacted></PASSWORD><NAME>x</NAME>',
    ],
    [
      'url-credentials',
      `:one_xmlrpc: http://oneadmin:${secret}@fe1:2633/RPC2`,
      ':one_xmlrpc: http://oneadmin:<redacted>@fe1:2633/RPC2',
    ],
    ['auth-line', `serveradmin:${secret}`, 'serveradmin:<redacted>'],
    ['bearer', `Authorization: Bearer ${secret}`, 'Authorization: Bearer <redacted>'],
    ['hex-token', `id ${'ab12'.repeat(16)} end`, 'id <redacted> end'],
  ];
  for (const [rule, line, shown] of cases) {
    it(`${rule}: ${shown}`, () => {
      assert.ok(redactionRules.some((r) => r.name === rule));
      assert.equal(redactText(line), shown);
    });
  }

  it('masks the body of a private key, line for line', () => {
    const pem = [
      'key: |',
      '  -----BEGIN OPENSSH PRIVATE KEY-----',
      '  b3BlbnNzaC1rZXktdjEAAAAA',
      '  AAAAABG5vbmUAAAAEbm9uZQ',
      '  -----END OPENSSH PRIVATE KEY-----',
      'after: 1',
    ].join('\n');
    assert.deepEqual(redactLines(pem), [
      'key: |',
      '  -----BEGIN OPENSSH PRIVATE KEY-----',
      '<redacted>',
      '<redacted>',
      '  -----END OPENSSH PRIVATE KEY-----',
      'after: 1',
    ]);
    assert.equal(
      redactText('"k": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"'),
      '"k": "-----BEGIN PRIVATE KEY-----<redacted>-----END PRIVATE KEY-----"',
    );
  });

  it('leaves ordinary configuration alone', () => {
    const text = [
      'PORT = 2633',
      'LISTEN_ADDRESS = "0.0.0.0"',
      ':one_xmlrpc: http://localhost:2633/RPC2',
      'AUTH_MAD = [ EXECUTABLE = "one_auth_mad", AUTHN = "ssh,x509,ldap,server_cipher" ]',
      ':core_auth: cipher',
      'MAX_TOKEN_TIME = -1',
      ':host: 127.0.0.1',
      '',
    ].join('\n');
    assert.equal(redactText(text), text);
  });

  it('never shows a secret and keeps the line count (property)', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9]{8,16}$/).filter((t) => !/^(?:redacted)$/.test(t));
    const lineWith = (s: string) =>
      fc.constantFrom(
        `PASSWD = "${s}"`,
        `  :password: ${s}`,
        `oneadmin:${s}`,
        `http://u:${s}@h/`,
        `<SECRET>${s}</SECRET>`,
        `Bearer ${s}`,
      );
    fc.assert(
      fc.property(
        token,
        token.chain((s) =>
          fc
            .array(fc.oneof(lineWith(s), fc.constantFrom('A = 1', '# c', '')), { maxLength: 8 })
            .map((lines) => ({ s, lines })),
        ),
        (_t, { s, lines }) => {
          const out = redactLines(lines.join('\n'));
          assert.equal(out.length, Math.max(1, lines.length));
          for (const line of out) assert.ok(!line.includes(s), line);
        },
      ),
    );
  });
});
