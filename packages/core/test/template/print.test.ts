import assert from 'node:assert/strict';
import {
  Template,
  printCli,
  printOned,
  printTemplate,
  printXml,
  templateFormats,
} from '../../src/template/index.js';

describe('template/print', () => {
  const t = new Template().addSingle('A', '1').addVector('V', { K: 'v' });

  it('prints in the form asked for', () => {
    assert.deepEqual([...templateFormats], ['oned', 'cli', 'xml']);
    assert.equal(printTemplate(t, 'oned'), printOned(t));
    assert.equal(printTemplate(t, 'cli'), printCli(t));
    assert.equal(printTemplate(t, 'xml'), printXml(t));
    assert.equal(
      printTemplate(t, 'xml', { root: 'USER_TEMPLATE' }),
      printXml(t, { root: 'USER_TEMPLATE' }),
    );
  });
});
