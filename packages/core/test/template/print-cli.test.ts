import assert from 'node:assert/strict';
import { Template, parseTemplate, printCli, templateEquals } from '../../src/template/index.js';

describe('template/print-cli', () => {
  it('writes the template-like form of onezone show', () => {
    const t = new Template()
      .addSingle('ENDPOINT', 'http://127.0.0.1:2633/RPC2')
      .addSingle('NAME', 'say "hi"')
      .addVector('SERVER', { NAME: 'fe1', ID: '0' })
      .addVector('EMPTY', {})
      .addVector('ONE', { K: '' });
    assert.equal(
      printCli(t),
      [
        'EMPTY=[ ]',
        'ENDPOINT="http://127.0.0.1:2633/RPC2"',
        'NAME="say \\"hi\\""',
        'ONE=[',
        '  K="" ]',
        'SERVER=[',
        '  ID="0",',
        '  NAME="fe1" ]',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing for an empty template', () => {
    assert.equal(printCli(new Template()), '');
  });

  it('reads back what it writes, for awkward values', () => {
    const t = new Template()
      .addSingle('A', 'multi\nline # with = [all], "kinds"\r\n')
      .addSingle('B', String.raw`back\slash \" and \\"`)
      .addVector('V', { K: ']] >', L: '\\x', M: '"' });
    assert.ok(templateEquals(parseTemplate(printCli(t)), t));
  });

  it('writes a name stored with upper-case XML in lower case, which reads back unchanged', () => {
    const t = parseTemplate('xmlrpc_port = 1\n');
    assert.equal(t.attributes[0]!.name, 'XMLRPC_PORT');
    assert.equal(printCli(t), 'xmlRPC_PORT="1"\n');
    assert.ok(templateEquals(parseTemplate(printCli(t)), t));
  });

  it('writes vector keys oned keeps without a prefix', () => {
    const t = parseTemplate('V = [ 1K = a ]\n');
    assert.ok(templateEquals(parseTemplate(printCli(t)), t));
  });

  const unprintable: [string, Template, string][] = [
    ['a value ending in a backslash', new Template().addSingle('A', 'x\\'), 'A'],
    ['a vector value ending in a backslash', new Template().addVector('V', { K: '\\' }), 'V/K'],
    ['a value containing "]]>"', new Template().addSingle('A', 'a]]>b'), 'A'],
    ['a vector value containing "]]>"', new Template().addVector('V', { K: ']]>' }), 'V/K'],
    ['a lower-case name', new Template().addSingle('name', 'x'), 'name'],
    ['a name oned would prefix', new Template().addSingle('1A', 'x'), '1A'],
    ['a name with other characters', new Template().addSingle('A-B', 'x'), 'A-B'],
    ['a lower-case vector key', new Template().addVector('V', { k: 'x' }), 'V/k'],
    ['an empty vector key', new Template().addVector('V', { '': 'x' }), 'V/'],
  ];
  for (const [what, template, field] of unprintable) {
    it(`refuses ${what}`, () => {
      assert.throws(() => printCli(template), { code: 'TEMPLATE_UNPRINTABLE', where: { field } });
    });
  }
});
