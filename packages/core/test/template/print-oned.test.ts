import assert from 'node:assert/strict';
import { Template, printOned } from '../../src/template/index.js';

describe('template/print-oned', () => {
  it('writes NAME=value lines and vectors on one line, unquoted', () => {
    const t = new Template()
      .addSingle('NAME', 'zone a')
      .addVector('SERVER', { NAME: 'fe1', ENDPOINT: 'http://h:2633/RPC2', ID: '0' })
      .addVector('EMPTY', {})
      .addSingle('QUOTE', 'say "x"');
    assert.equal(
      printOned(t),
      'EMPTY=\nNAME=zone a\nQUOTE=say "x"\nSERVER=ENDPOINT=http://h:2633/RPC2,ID=0,NAME=fe1\n',
    );
  });

  it('writes nothing for an empty template', () => {
    assert.equal(printOned(new Template()), '');
  });
});
