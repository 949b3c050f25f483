import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvLine } from '../../src/table/index.js';

/** A reader for one RFC 4180 record, to check that what csvLine writes reads back. */
function readRecord(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
    } else {
      while (i < line.length && line[i] !== delimiter) field += line[i++];
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the delimiter
  }
}

describe('table/csv', () => {
  it('quotes only what needs quoting, as Ruby CSV does', () => {
    assert.equal(csvLine(['0', 'OpenNebula', 'on']), '0,OpenNebula,on');
    assert.equal(
      csvLine(['a,b', 'say "hi"', 'two\nlines', '', ' x ']),
      '"a,b","say ""hi""","two\nlines","", x ',
    );
    assert.equal(csvLine(['a,b', 'c;d'], ';'), 'a,b;"c;d"');
  });

  it('reads back to the same fields (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';', '\t'),
        (fields, d) => {
          assert.deepEqual(readRecord(csvLine(fields, d), d), fields);
        },
      ),
    );
  });
});
