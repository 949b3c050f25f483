import assert from 'node:assert/strict';
import { parseTemplate } from '@onekit/core';
import { convertTemplate, templateJson } from '../../src/template-convert/index.js';

const vm =
  'NAME = "test vm"\nCPU = 1\nDISK = [ IMAGE_ID = 3, SIZE = 10 ]\nDISK = [ IMAGE_ID = 4 ]\nEMPTY = [ ]\n';

describe('template-convert', () => {
  it('gives repeated names as arrays and vectors as objects in JSON', () => {
    assert.deepEqual(templateJson(parseTemplate(vm)), {
      CPU: '1',
      DISK: [{ IMAGE_ID: '3', SIZE: '10' }, { IMAGE_ID: '4' }],
      EMPTY: {},
      NAME: 'test vm',
    });
  });

  it('prints every form with a final newline, and the CLI form parses back', () => {
    const cli = convertTemplate({ text: vm, to: 'cli' });
    assert.match(cli.text, /^CPU="1"\nDISK=\[\n {2}IMAGE_ID="3",\n {2}SIZE="10" \]\n/);
    assert.deepEqual(templateJson(parseTemplate(cli.text)), cli.json);
    assert.match(
      convertTemplate({ text: vm, to: 'oned' }).text,
      /^CPU=1\nDISK=IMAGE_ID=3,SIZE=10\n/,
    );
    assert.match(
      convertTemplate({ text: vm, to: 'xml' }).text,
      /^<TEMPLATE><CPU><!\[CDATA\[1\]\]><\/CPU>.*<\/TEMPLATE>\n$/,
    );
    assert.deepEqual(JSON.parse(convertTemplate({ text: vm, to: 'json' }).text), cli.json);
  });

  it('reads XML templates too', () => {
    const xml = convertTemplate({ text: vm, to: 'xml' }).text;
    assert.deepEqual(
      convertTemplate({ text: xml, to: 'json' }).json,
      convertTemplate({ text: vm, to: 'json' }).json,
    );
  });

  it('reports syntax errors with the file, line and columns', () => {
    assert.throws(
      () => convertTemplate({ text: 'A = 1\nB = [ C = 1,, D = 2 ]\n', file: 'vm.tmpl', to: 'cli' }),
      (err: unknown) => {
        const e = err as {
          code: string;
          where: { file?: string; line?: number; column?: number; endColumn?: number };
        };
        assert.equal(e.code, 'TEMPLATE_SYNTAX');
        assert.equal(e.where.file, 'vm.tmpl');
        assert.equal(e.where.line, 2);
        assert.equal(typeof e.where.column, 'number');
        assert.equal(typeof e.where.endColumn, 'number');
        return true;
      },
    );
  });
});
