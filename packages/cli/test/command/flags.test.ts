import assert from 'node:assert/strict';
import { markBareExpand } from '../../src/command/flags.js';
import { tableOptions } from '../../src/command/list-options.js';
import { testIO } from '../../src/io/index.js';

describe('command/flags', () => {
  it('gives a bare --expand the value meaning every column', () => {
    assert.deepEqual(markBareExpand(['--expand']), ['--expand=*']);
    assert.deepEqual(markBareExpand(['--expand', '--csv']), ['--expand=*', '--csv']);
    assert.deepEqual(markBareExpand(['--expand', 'name=0.4']), ['--expand', 'name=0.4']);
    assert.deepEqual(markBareExpand(['--', '--expand']), ['--', '--expand']);
  });

  it('turns list flags and the terminal into table options', () => {
    const io = testIO({ tty: true, columns: 100 });
    assert.deepEqual(
      tableOptions(
        {
          list: ['ID'],
          filter: ['STAT=on'],
          operator: 'or',
          csv: true,
          'csv-del': ';',
          'no-header': true,
          expand: ['*'],
        },
        io,
      ),
      {
        list: ['ID'],
        filter: ['STAT=on'],
        operator: 'or',
        csv: true,
        csvDelimiter: ';',
        noHeader: true,
        adjust: undefined,
        size: undefined,
        expand: 'all',
        noExpand: undefined,
        color: true,
        terminalWidth: 100,
      },
    );
    const piped = tableOptions({ expand: ['name=0.5'] }, testIO());
    assert.deepEqual(
      [piped.expand, piped.color, piped.terminalWidth],
      [['name=0.5'], false, undefined],
    );
  });
});
