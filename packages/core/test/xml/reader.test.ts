import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readXmlDocument } from '../../src/xml/reader.js';
import { element, renderXml, vectorElement } from '../../src/xml/writer.js';
import { xmlText } from '../support/arbitraries.js';

function rejects(fn: () => unknown, where: Record<string, unknown>) {
  assert.throws(fn, (err: unknown) => {
    assert.equal((err as { code: string }).code, 'XML_DOCUMENT');
    assert.deepEqual((err as { where: unknown }).where, where);
    return true;
  });
}

const USER_POOL = `<USER_POOL>
  <USER><ID>0</ID><NAME>oneadmin</NAME><GROUPS><ID>0</ID></GROUPS></USER>
  <USER><ID>1</ID><NAME>serveradmin</NAME><GROUPS><ID>0</ID><ID>1</ID></GROUPS></USER>
</USER_POOL>`;

describe('xml/reader', () => {
  it('reads repeated names as arrays and single ones as values', () => {
    assert.deepEqual(readXmlDocument(USER_POOL), {
      USER_POOL: {
        USER: [
          { ID: '0', NAME: 'oneadmin', GROUPS: { ID: '0' } },
          { ID: '1', NAME: 'serveradmin', GROUPS: { ID: ['0', '1'] } },
        ],
      },
    });
  });

  it('keeps named paths as arrays with one element, matching the end of the path', () => {
    const arrays = ['USER_POOL/USER', 'USER/GROUPS/ID'];
    const pool = readXmlDocument(USER_POOL, { arrays }) as {
      USER_POOL: { USER: { GROUPS: unknown }[] };
    };
    assert.deepEqual(pool.USER_POOL.USER[0]!.GROUPS, { ID: ['0'] });
    const single = readXmlDocument('<USER><ID>0</ID><GROUPS><ID>0</ID></GROUPS></USER>', {
      arrays,
    });
    assert.deepEqual(single, { USER: { ID: '0', GROUPS: { ID: ['0'] } } });
    const alone = readXmlDocument('<USER_POOL><USER><ID>0</ID></USER></USER_POOL>', { arrays });
    assert.deepEqual(alone, { USER_POOL: { USER: [{ ID: '0' }] } });
  });

  it('reads an empty parent of a named array as an empty array', () => {
    const arrays = ['ZONE/SERVER_POOL/SERVER', 'ZONE_POOL/ZONE'];
    assert.deepEqual(readXmlDocument('<ZONE><SERVER_POOL/></ZONE>', { arrays }), {
      ZONE: { SERVER_POOL: { SERVER: [] } },
    });
    assert.deepEqual(readXmlDocument('<ZONE_POOL>\n</ZONE_POOL>', { arrays }), {
      ZONE_POOL: { ZONE: [] },
    });
    assert.deepEqual(readXmlDocument('<OTHER><SERVER_POOL/></OTHER>', { arrays }), {
      OTHER: { SERVER_POOL: '' },
    });
  });

  it('reads CDATA as text and leaves values untrimmed', () => {
    assert.deepEqual(readXmlDocument('<T><A><![CDATA[ <x> ]]></A><B> b </B><C/></T>'), {
      T: { A: ' <x> ', B: ' b ', C: '' },
    });
  });

  it('converts numbers and bigints only where asked', () => {
    const xml =
      '<RAFT><SERVER_ID>-1</SERVER_ID><TERM>3</TERM><FEDLOG_INDEX>18446744073709551615</FEDLOG_INDEX><X>1.5</X></RAFT>';
    assert.deepEqual(
      readXmlDocument(xml, { numbers: ['RAFT/SERVER_ID', 'TERM', 'X'], bigints: ['FEDLOG_INDEX'] }),
      { RAFT: { SERVER_ID: -1, TERM: 3, FEDLOG_INDEX: 18446744073709551615n, X: 1.5 } },
    );
    assert.deepEqual(readXmlDocument(xml).RAFT, {
      SERVER_ID: '-1',
      TERM: '3',
      FEDLOG_INDEX: '18446744073709551615',
      X: '1.5',
    });
  });

  it('refuses numbers that are not, naming the path', () => {
    rejects(() => readXmlDocument('<A>\n<ID>x</ID></A>', { numbers: ['A/ID'] }), {
      line: 2,
      column: 6,
      field: 'A/ID',
    });
    rejects(() => readXmlDocument('<A><ID></ID></A>', { numbers: ['ID'] }), {
      line: 1,
      column: 8,
      field: 'A/ID',
    });
    rejects(() => readXmlDocument('<A><ID>9007199254740993</ID></A>', { numbers: ['ID'] }), {
      line: 1,
      column: 24,
      field: 'A/ID',
    });
    rejects(() => readXmlDocument('<A><I>1.0</I></A>', { bigints: ['I'] }), {
      line: 1,
      column: 10,
      field: 'A/I',
    });
  });

  it('treats a member called __proto__ as a plain name', () => {
    const doc = readXmlDocument('<A><__proto__><x>1</x></__proto__></A>') as {
      A: Record<string, unknown>;
    };
    assert.ok(Object.hasOwn(doc.A, '__proto__'));
    assert.equal(Object.getPrototypeOf(doc.A), Object.prototype);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('reads past a byte order mark, in text or in bytes', () => {
    assert.deepEqual(readXmlDocument('\uFEFF<A>1</A>'), { A: '1' });
    assert.deepEqual(readXmlDocument(Buffer.from('\uFEFF<?xml version="1.0"?><A>1</A>')), {
      A: '1',
    });
  });

  it('refuses mixed content, a wrong root and malformed documents', () => {
    rejects(() => readXmlDocument('<A>x<B/></A>'), { line: 1, column: 5 });
    rejects(() => readXmlDocument('<A><B/>x</A>'), { line: 1, column: 8 });
    rejects(() => readXmlDocument('<ZONE/>', { root: 'ZONE_POOL' }), { line: 1, column: 1 });
    rejects(() => readXmlDocument('<A><B></A>'), { line: 1, column: 7 });
    rejects(() => readXmlDocument('<!DOCTYPE A><A/>'), { line: 1, column: 1 });
    rejects(() => readXmlDocument(Buffer.from([0x3c, 0x41, 0x3e, 0xff, 0x3c, 0x2f, 0x41, 0x3e])), {
      field: 'body',
    });
  });

  it('enforces its size, depth and element limits', () => {
    rejects(() => readXmlDocument('<A><B/></A>', { maxBytes: 5 }), { field: 'body' });
    rejects(() => readXmlDocument('<A><B><C/></B></A>', { maxDepth: 2 }), { line: 1, column: 7 });
    rejects(() => readXmlDocument('<A><B/><C/></A>', { maxElements: 2 }), { line: 1, column: 8 });
  });

  it('reads back any text written by the writer, as text or CDATA', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('A', 'B', 'C_D', 'E'), xmlText()),
        xmlText(),
        (pairs, name) => {
          const xml = renderXml(
            element('ROOT', [element('NAME', name), vectorElement('VEC', pairs)]),
          );
          const expected = Object.fromEntries(
            Object.entries(pairs).map(([k, v]) => [k, v.replace(/\r\n?/g, '\n')]),
          );
          const read = readXmlDocument(xml, { arrays: [] }) as {
            ROOT: { NAME: string; VEC: unknown };
          };
          assert.equal(read.ROOT.NAME, name);
          assert.deepEqual(read.ROOT.VEC, Object.keys(pairs).length === 0 ? '' : expected);
        },
      ),
    );
  });
});
