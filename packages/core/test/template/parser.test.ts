import assert from 'node:assert/strict';
import { Template, parseTemplate, vectorValue } from '../../src/template/index.js';
import { shape } from './shape.js';

const parse = (text: string) => shape(parseTemplate(text));

describe('template/parser', () => {
  describe('attributes', () => {
    it('reads nothing from empty input, blanks and comments', () => {
      assert.deepEqual(parse(''), []);
      assert.deepEqual(parse(' \t\n\n  \n'), []);
      assert.deepEqual(parse('# only a comment\n   # and another\n'), []);
    });

    it('reads single attributes with blanks around "=" or none', () => {
      assert.deepEqual(parse('A=1\nB = 2\nC\t=\t3\n'), [
        ['A', '1'],
        ['B', '2'],
        ['C', '3'],
      ]);
    });

    it('needs no newline between attributes or at the end', () => {
      assert.deepEqual(parse('A = 1 B = "2" C = [ K = v ]D = 4'), [
        ['A', '1'],
        ['B', '2'],
        ['C', [['K', 'v']]],
        ['D', '4'],
      ]);
    });

    it('lets the name and "=" sit on different lines', () => {
      assert.deepEqual(parse('A\n  = 1\n'), [['A', '1']]);
    });

    it('reads "NAME =" followed by a newline as an empty value', () => {
      assert.deepEqual(parse('A =\nB=  \t\nC = 3\n'), [
        ['A', ''],
        ['B', ''],
        ['C', '3'],
      ]);
    });

    it('keeps repeated names, in order, and sorts attributes by name', () => {
      assert.deepEqual(parse('NIC = [ ID = 1 ]\nDISK = [ ID = 0 ]\nNIC = [ ID = 0 ]\nA = x\n'), [
        ['A', 'x'],
        ['DISK', [['ID', '0']]],
        ['NIC', [['ID', '1']]],
        ['NIC', [['ID', '0']]],
      ]);
    });

    it('records where each attribute and vector key was written', () => {
      const t = parseTemplate('# head\n  ENDPOINT = "x"\nSERVER = [\n  ID = 0,\n    NAME = a ]\n');
      assert.deepEqual(t.attributes[0]!.at, { line: 2, column: 3 });
      const server = t.getVector('SERVER')!;
      assert.deepEqual(server.at, { line: 3, column: 1 });
      assert.deepEqual(
        server.pairs.map((p) => p.at),
        [
          { line: 4, column: 3 },
          { line: 5, column: 5 },
        ],
      );
    });
  });

  describe('names', () => {
    it('upper-cases attribute names and vector keys', () => {
      assert.deepEqual(parse('endPoint = x\nserver = [ id = 0 ]\n'), [
        ['ENDPOINT', 'x'],
        ['SERVER', [['ID', '0']]],
      ]);
    });

    it('prefixes ONE_ to names not starting with a letter or "_"', () => {
      assert.deepEqual(parse('1st = a\n_under = b\n9 = c\n'), [
        ['ONE_1ST', 'a'],
        ['ONE_9', 'c'],
        ['_UNDER', 'b'],
      ]);
    });

    it('prefixes ONE_ to names spelled with upper-case XML, not other spellings', () => {
      assert.deepEqual(parse('XMLRPC = a\nxmlrpc2 = b\nXmlA = c\nXMl = d\nXM = e\n'), [
        ['ONE_XMLRPC', 'a'],
        ['XM', 'e'],
        ['XML', 'd'],
        ['XMLA', 'c'],
        ['XMLRPC2', 'b'],
      ]);
    });

    it('only upper-cases vector keys, as oned does (no ONE_ prefix)', () => {
      assert.deepEqual(parse('V = [ 1k = a, xmlK = b, XMLZ = c ]\n'), [
        [
          'V',
          [
            ['1K', 'a'],
            ['XMLK', 'b'],
            ['XMLZ', 'c'],
          ],
        ],
      ]);
    });
  });

  describe('values', () => {
    it('reads unquoted values up to a blank, newline, ",", "]", "#", "=" or "["', () => {
      assert.deepEqual(parse('E = http://host:2633/RPC2\nQ = a"b;c!\n'), [
        ['E', 'http://host:2633/RPC2'],
        ['Q', 'a"b;c!'],
      ]);
      assert.deepEqual(parse('V = [ K = a]\n'), [['V', [['K', 'a']]]]);
      assert.deepEqual(parse('A = x#note\n'), [['A', 'x']]);
    });

    it('reads quoted values with any character, across lines', () => {
      assert.deepEqual(parse('A = "x = [1, 2] # not a comment"\nB = "two\nlines"\nC = ""\n'), [
        ['A', 'x = [1, 2] # not a comment'],
        ['B', 'two\nlines'],
        ['C', ''],
      ]);
    });

    it('treats \\" as the only escape and keeps other backslashes verbatim', () => {
      const t = parseTemplate(String.raw`A = "say \"hi\""
B = "C:\dir\n\t"
C = "\\" x"
D = a\"b
`);
      assert.equal(t.get('A'), 'say "hi"');
      assert.equal(t.get('B'), String.raw`C:\dir\n\t`);
      // \\" is a backslash, then the escaped quote: the value goes on.
      assert.equal(t.get('C'), String.raw`\" x`);
      // oned unescapes unquoted values too.
      assert.equal(t.get('D'), 'a"b');
    });

    it('ends a quoted value at the last quote when no unescaped quote follows', () => {
      assert.equal(
        parseTemplate(String.raw`A = "ends in a backslash\"`).get('A'),
        'ends in a backslash\\',
      );
    });

    it('takes the longest match, as oned does: "ab"cd is one unquoted value', () => {
      assert.equal(parseTemplate('A = "ab"cd\n').get('A'), '"ab"cd');
      assert.equal(parseTemplate('A = "ab" cd = 1\n').get('A'), 'ab');
    });

    it('keeps a carriage return inside values and skips it between tokens', () => {
      assert.deepEqual(parse('A = b\r\nV = [\r\n  K = "v" ,\r\n  L = w\r\n]\r\n# c\r\n'), [
        ['A', 'b\r'],
        [
          'V',
          [
            ['K', 'v'],
            ['L', 'w\r'],
          ],
        ],
      ]);
    });

    it('keeps unicode as written', () => {
      assert.equal(parseTemplate('A = "héllo 中文 😀"\nB = ñ\n').get('A'), 'héllo 中文 😀');
      assert.equal(parseTemplate('B = ñ😀\n').get('B'), 'ñ😀');
    });
  });

  describe('vectors', () => {
    it('reads empty vectors', () => {
      assert.deepEqual(parse('A = [ ]\nB=[]\nC = [\n\n]\n'), [
        ['A', []],
        ['B', []],
        ['C', []],
      ]);
    });

    it('allows blanks, newlines and comments around commas and brackets', () => {
      const text = `LOG = [
  SYSTEM      = "file",   # where
  DEBUG_LEVEL = 3
  # a comment line inside
  , USE_SYSLOG = no ,

  Z = "" ]
`;
      assert.deepEqual(parse(text), [
        [
          'LOG',
          [
            ['DEBUG_LEVEL', '3'],
            ['SYSTEM', 'file'],
            ['USE_SYSLOG', 'no'],
            ['Z', ''],
          ],
        ],
      ]);
    });

    it('sorts keys and keeps the first of a repeated key', () => {
      assert.deepEqual(parse('D = [ target = vda, image = a, IMAGE = b ]\n'), [
        [
          'D',
          [
            ['IMAGE', 'a'],
            ['TARGET', 'vda'],
          ],
        ],
      ]);
    });
  });

  describe('the "]]>" guard', () => {
    for (const text of [
      'A = "x]]>y"\n',
      'A = x]]>\n',
      'A = "multi\nline ]]> value"\n',
      'V = [ K = "]]>" ]\n',
      'A = x # a comment with ]]> on the value line\n',
    ]) {
      it(`refuses ${JSON.stringify(text)}`, () => {
        assert.throws(() => parseTemplate(text), { code: 'TEMPLATE_SYNTAX' });
      });
    }

    it('lets "]]>" appear in comments on their own lines and split across values', () => {
      assert.deepEqual(parse('# ]]>\nA = "]]"\nB = ">"\n'), [
        ['A', ']]'],
        ['B', '>'],
      ]);
    });
  });

  it('reads a configuration file laid out like oned.conf', () => {
    const text = `#*******************************************************************************
# Daemon configuration
#*******************************************************************************

LOG = [
  SYSTEM      = "file",
  DEBUG_LEVEL = 3
]

#MONITORING_INTERVAL = 60
PORT = 2633
LISTEN_ADDRESS = "0.0.0.0"

DB = [ BACKEND = "sqlite",
       TIMEOUT = 2500 ]

FEDERATION = [
    MODE          = "STANDALONE",
    ZONE_ID       = 0,
    SERVER_ID     = -1,
    MASTER_ONED   = ""
]

RAFT_LEADER_HOOK = [
     COMMAND = "raft/vip.sh",
     ARGUMENTS = "leader eth0 10.0.0.5/24"
]
`;
    const t = parseTemplate(text, { file: 'oned.conf' });
    assert.equal(t.get('PORT'), '2633');
    assert.equal(t.get('MONITORING_INTERVAL'), undefined);
    assert.deepEqual(shape(new Template().add(t.getVector('FEDERATION')!)), [
      [
        'FEDERATION',
        [
          ['MASTER_ONED', ''],
          ['MODE', 'STANDALONE'],
          ['SERVER_ID', '-1'],
          ['ZONE_ID', '0'],
        ],
      ],
    ]);
    assert.equal(
      vectorValue(t.getVector('RAFT_LEADER_HOOK'), 'ARGUMENTS'),
      'leader eth0 10.0.0.5/24',
    );
    assert.deepEqual(t.getVector('DB')!.pairs[1]!.at, { line: 15, column: 8 });
  });

  it('reads a zone template as oned writes it', () => {
    const t = parseTemplate('NAME = "zone-a"\nENDPOINT = "http://10.0.0.1:2633/RPC2"\n', {
      file: 'zone.tmpl',
    });
    assert.equal(t.get('NAME'), 'zone-a');
    assert.equal(t.get('ENDPOINT'), 'http://10.0.0.1:2633/RPC2');
  });
});
