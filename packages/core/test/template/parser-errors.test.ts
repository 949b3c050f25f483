import assert from 'node:assert/strict';
import { OneKitError } from '../../src/errors/index.js';
import { parseTemplate } from '../../src/template/index.js';

/** The error's location, asserting that it is a TEMPLATE_SYNTAX error worded as oned's. */
function failure(text: string, file?: string) {
  try {
    parseTemplate(text, file === undefined ? {} : { file });
  } catch (err) {
    assert.ok(err instanceof OneKitError, `not a OneKitError: ${String(err)}`);
    assert.equal(err.code, 'TEMPLATE_SYNTAX');
    const { line, column, endColumn } = err.where;
    assert.ok(
      err.message.endsWith(` at line ${line}, columns ${column}:${endColumn}`),
      err.message,
    );
    return err.where;
  }
  assert.fail(`parsed without error: ${JSON.stringify(text)}`);
}

const cases: [string, string, { line: number; column: number; endColumn: number }][] = [
  ['a name without "="', 'A', { line: 1, column: 2, endColumn: 2 }],
  ['a name followed by a name', 'A B = 1\n', { line: 1, column: 3, endColumn: 3 }],
  ['"=" without a name', '= b\n', { line: 1, column: 1, endColumn: 1 }],
  ['a value without a name', 'A = 1 , B = 2\n', { line: 1, column: 7, endColumn: 7 }],
  ['"=" at the end of the input', 'A = ', { line: 1, column: 5, endColumn: 5 }],
  ['"=" followed by "="', 'A = = 1\n', { line: 1, column: 5, endColumn: 5 }],
  ['"=" followed by ","', 'A = ,b\n', { line: 1, column: 5, endColumn: 5 }],
  ['"=" followed by a comment', 'A = # nothing\n', { line: 1, column: 5, endColumn: 5 }],
  ['"]" at the top level', 'A = b ]\n', { line: 1, column: 7, endColumn: 7 }],
  ['a trailing comma in a vector', 'A = [ K = v, ]\n', { line: 1, column: 14, endColumn: 14 }],
  ['a comma right after "["', 'A = [ , K = v ]\n', { line: 1, column: 7, endColumn: 7 }],
  ['a vector not closed', 'A = [ K = v', { line: 1, column: 12, endColumn: 12 }],
  ['a vector with no pair and no "]"', 'A = [\n', { line: 2, column: 1, endColumn: 1 }],
  ['a nested vector', 'A = [ K = [ L = 1 ] ]\n', { line: 1, column: 11, endColumn: 11 }],
  ['a vector key without a value', 'A = [ K =\n  ]\n', { line: 1, column: 9, endColumn: 9 }],
  ['a vector key without "="', 'A = [ K ]\n', { line: 1, column: 9, endColumn: 9 }],
  ['a vector pair without a key', 'A = [ = v ]\n', { line: 1, column: 7, endColumn: 7 }],
  ['two pairs without a comma', 'A = [ K = v L = w ]\n', { line: 1, column: 13, endColumn: 13 }],
  ['a comment not ended by a newline', 'A = b # note', { line: 1, column: 7, endColumn: 12 }],
  ['a stray quote', 'A = 1\n"B" = 2\n', { line: 2, column: 1, endColumn: 1 }],
  ['a character no rule reads', 'A.B = 1\n', { line: 1, column: 2, endColumn: 2 }],
  ['a non-ASCII name', 'A = 1\n  é = 2\n', { line: 2, column: 3, endColumn: 3 }],
  ['"]]>" in a quoted value', 'A = 1\nB = "x]]>"\n', { line: 2, column: 7, endColumn: 9 }],
  [
    '"]]>" on a later line of a value',
    'A = "one\n two ]]>"\n',
    { line: 2, column: 6, endColumn: 8 },
  ],
  ['"]]>" after a value on its line', 'A = x # ]]>\n', { line: 1, column: 9, endColumn: 11 }],
  ['"]]>" in a vector value', 'V = [ K = "]]>" ]\n', { line: 1, column: 12, endColumn: 14 }],
  [
    'a quoted value swallowing the next quote',
    'A = "ends in \\"\nB = "x"\n',
    { line: 2, column: 7, endColumn: 7 },
  ],
];

describe('template/parser errors', () => {
  for (const [what, text, where] of cases) {
    it(`points at ${what}`, () => assert.deepEqual(failure(text), where));
  }

  it('counts columns from the start of each line', () => {
    assert.deepEqual(failure('A = 1\nBB = 2\nCCC = [ K = v, ]\n'), {
      line: 3,
      column: 16,
      endColumn: 16,
    });
  });

  it('names the file when one is given', () => {
    assert.deepEqual(failure('A = [ K ]\n', 'oned.conf'), {
      file: 'oned.conf',
      line: 1,
      column: 9,
      endColumn: 9,
    });
  });

  it('keeps a column range on the line where it starts', () => {
    assert.deepEqual(failure('A = 1\nB = 2 # comment\n C'), { line: 3, column: 3, endColumn: 3 });
  });
});
