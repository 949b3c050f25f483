import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stripSgr } from '../../src/io/index.js';
import {
  describeColumns,
  renderTable,
  type TableColumn,
  type TableSpec,
} from '../../src/table/index.js';

interface Zone {
  id: number;
  name: string;
  endpoint: string;
  enabled: boolean;
}

// Shaped like `onezone list` (reference §1.2).
const zoneColumns: TableColumn<Zone>[] = [
  { name: 'ID', description: 'ONE identifier for the Zone', size: 5, value: (z) => String(z.id) },
  { name: 'NAME', description: 'Name of the Zone', size: 25, left: true, value: (z) => z.name },
  {
    name: 'ENDPOINT',
    description: 'Endpoint of the Zone',
    size: 45,
    left: true,
    value: (z) => z.endpoint,
  },
  {
    name: 'STAT',
    description: 'Zone status',
    size: 6,
    left: true,
    state: true,
    value: (z) => (z.enabled ? 'on' : 'off'),
  },
];
const spec: TableSpec<Zone> = { columns: zoneColumns };
const zones: Zone[] = [
  { id: 0, name: 'OpenNebula', endpoint: 'http://127.0.0.1:2633/RPC2', enabled: true },
  {
    id: 100,
    name: 'slave-zone-with-a-very-long-name',
    endpoint: 'http://127.0.0.2:2633/RPC2',
    enabled: false,
  },
];
const plain = { color: false };

describe('table/render-table', () => {
  it('pads and cuts each cell to its width, joins with one space and trims line ends', () => {
    assert.equal(
      renderTable(zones, spec, plain),
      [
        '   ID NAME                      ENDPOINT                                      STAT',
        '    0 OpenNebula                http://127.0.0.1:2633/RPC2                    on',
        '  100 slave-zone-with-a-very-lo http://127.0.0.2:2633/RPC2                    off',
        '',
      ].join('\n'),
    );
  });

  it('draws the header bold and underlined with colour, padding included, and colours states', () => {
    const text = renderTable(zones, spec, { color: true });
    const [header, first, second] = text.split('\n');
    assert.equal(
      header,
      `\u001b[1m\u001b[4m${'   ID NAME'.padEnd(32)}${'ENDPOINT'.padEnd(46)}STAT  \u001b[0m`,
    );
    assert.ok(first!.endsWith('\u001b[32mon\u001b[0m'));
    assert.ok(second!.endsWith('off'), 'off has no colour');
    assert.equal(
      stripSgr(text).split('\n').slice(1).join('\n'),
      renderTable(zones, spec, plain).split('\n').slice(1).join('\n'),
    );
  });

  it('leaves the header out with --no-header', () => {
    assert.equal(
      renderTable(zones, spec, { ...plain, noHeader: true }).split('\n')[0],
      '    0 OpenNebula                http://127.0.0.1:2633/RPC2                    on',
    );
  });

  it('shows the -l columns in the order given, case-insensitively', () => {
    assert.equal(
      renderTable(zones, spec, { ...plain, list: ['stat', 'ID'] }),
      'STAT      ID\non         0\noff      100\n',
    );
  });

  it('shows the default columns without -l', () => {
    const withDefaults: TableSpec<Zone> = { columns: zoneColumns, defaultColumns: ['ID', 'NAME'] };
    assert.equal(
      renderTable(zones.slice(0, 1), withDefaults, plain),
      '   ID NAME\n    0 OpenNebula\n',
    );
  });

  it('refuses an unknown column in -l', () => {
    assert.throws(() => renderTable(zones, spec, { ...plain, list: ['ID', 'NOPE'] }), {
      code: 'FLAG_INVALID',
      where: { field: 'list' },
    });
  });

  it('writes CSV with every value whole, and --csv-del, and --no-header', () => {
    assert.equal(
      renderTable(zones, spec, { ...plain, csv: true }),
      'ID,NAME,ENDPOINT,STAT\n0,OpenNebula,http://127.0.0.1:2633/RPC2,on\n100,slave-zone-with-a-very-long-name,http://127.0.0.2:2633/RPC2,off\n',
    );
    assert.equal(
      renderTable(zones.slice(0, 1), spec, {
        ...plain,
        csv: true,
        csvDelimiter: ';',
        list: ['ID', 'NAME'],
        noHeader: true,
      }),
      '0;OpenNebula\n',
    );
  });

  it('filters rows; a filter may use a column that is not shown', () => {
    const ids = (filter: string[], operator?: string) =>
      renderTable(zones, spec, {
        ...plain,
        csv: true,
        noHeader: true,
        list: ['ID'],
        filter,
        operator,
      })
        .trim()
        .split('\n')
        .filter(Boolean);
    assert.deepEqual(ids(['STAT=on']), ['0']);
    assert.deepEqual(ids(['name~slave']), ['100']);
    assert.deepEqual(ids(['ID>=100']), ['100']);
    assert.deepEqual(ids(['ID>5']), ['100'], 'numbers compare as numbers');
    assert.deepEqual(ids(['STAT=on', 'ID=100']), []);
    assert.deepEqual(ids(['STAT=on', 'ID=100'], 'or'), ['0', '100']);
  });

  it('widens --adjust and adjust columns to the longest value instead of cutting', () => {
    const text = renderTable(zones, spec, { ...plain, list: ['ID', 'NAME'], adjust: ['name'] });
    assert.equal(text, '   ID NAME\n    0 OpenNebula\n  100 slave-zone-with-a-very-long-name\n');
    const adjusting: TableSpec<Zone> = {
      columns: zoneColumns.map((c) => (c.name === 'NAME' ? { ...c, size: 4, adjust: true } : c)),
    };
    assert.equal(
      renderTable(zones, adjusting, { ...plain, list: ['NAME', 'ID'] }),
      [
        'NAME                                ID',
        'OpenNebula                           0',
        'slave-zone-with-a-very-long-name   100',
        '',
      ].join('\n'),
    );
  });

  it('sets widths with --size', () => {
    assert.equal(
      renderTable(zones, spec, { ...plain, list: ['NAME', 'ID'], size: ['name=5', 'ID=3'] }),
      'NAME   ID\nOpenN   0\nslave 100\n',
    );
    assert.throws(() => renderTable(zones, spec, { ...plain, size: ['name'] }), {
      code: 'FLAG_INVALID',
      where: { field: 'size' },
    });
    assert.throws(() => renderTable(zones, spec, { ...plain, list: ['ID'], size: ['name=3'] }), {
      code: 'FLAG_INVALID',
      where: { field: 'size' },
    });
  });

  it('expands columns to fill a terminal, and only on a terminal', () => {
    const columns: TableColumn<Zone>[] = [
      { name: 'ID', description: '', size: 4, value: (z) => String(z.id) },
      { name: 'NAME', description: '', size: 10, left: true, expand: true, value: (z) => z.name },
    ];
    const wide = renderTable(zones, { columns }, { ...plain, terminalWidth: 30 }).split('\n');
    assert.equal(wide[2], ' 100 slave-zone-with-a-very-lo'); // 29 = 4 + 25
    assert.equal(
      renderTable(zones, { columns }, { ...plain, terminalWidth: 30, noExpand: true }).split(
        '\n',
      )[2],
      ' 100 slave-zone',
    );
    assert.equal(renderTable(zones, { columns }, plain).split('\n')[2], ' 100 slave-zone');
  });

  it('shares spare width by the --expand fractions, or in proportion to sizes with a bare --expand', () => {
    const columns: TableColumn<Zone>[] = [
      { name: 'A', description: '', size: 2, left: true, value: () => 'a'.repeat(40) },
      { name: 'B', description: '', size: 6, left: true, value: () => 'b'.repeat(40) },
    ];
    const widths = (expand: 'all' | string[]) =>
      renderTable([zones[0]!], { columns }, { ...plain, terminalWidth: 29, expand })
        .split('\n')[1]!
        .split(' ')
        .map((c) => c.length);
    // 29 columns, one separator: 28 to share, 8 used, 20 spare.
    assert.deepEqual(widths('all'), [7, 21]);
    assert.deepEqual(widths(['a=0.5', 'b=0.5']), [12, 16]);
    assert.deepEqual(widths(['b']), [2, 26]);
  });

  it('describes every column', () => {
    assert.equal(
      describeColumns({ columns: zoneColumns.slice(0, 2) }),
      'ID                  : ONE identifier for the Zone\nNAME                : Name of the Zone\n',
    );
  });

  it('gives every row line the full width when nothing is cut or trimmed (property)', () => {
    const cell = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\s]/g, '_'));
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 10 }), left: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 }),
        (shape, rows) => {
          const columns: TableColumn<string[]>[] = shape.map((c, i) => ({
            name: `C${i}`,
            description: '',
            ...c,
            value: (r) => r[i]!,
          }));
          const withMarker: TableColumn<string[]>[] = [
            ...columns,
            { name: 'END', description: '', size: 1, value: () => '|' },
          ];
          const lines = renderTable(rows, { columns: withMarker }, { color: false, noHeader: true })
            .split('\n')
            .slice(0, -1);
          const width = shape.reduce((sum, c) => sum + c.size + 1, 0) + 1;
          for (const line of lines) assert.equal([...line].length, width);
        },
      ),
    );
  });
});
