// fast-check generators of oned.conf-like texts: the node-local attributes and keys among
// others, repeated names, lower-case spellings, comments between and inside attributes,
// quoted values across lines, empty values and empty vectors, in varied layouts. A text is
// generated as a model and rendered, so a test can render the same layout twice with
// other node-local values.
import fc from 'fast-check';
import { isOneKitError, parseTemplate } from '@onekit/core';
import type { NodeLocalRule } from '../../../src/serversync/index.js';

const nodeLocalNames = [
  'FEDERATION',
  'RAFT',
  'RAFT_LEADER_HOOK',
  'LISTEN_ADDRESS',
  'GRPC_LISTEN_ADDRESS',
  'HOSTNAME',
];
const otherNames = ['PORT', 'DB', 'LOG', 'VM_MAD', 'A'];
const keys = ['MODE', 'ZONE_ID', 'SERVER_ID', 'MASTER_ONED', 'MASTER_ONED_GRPC', 'BACKEND', 'K'];

interface PairModel {
  key: string;
  before: string;
  after: string;
  value: string;
  /** Written after the comma that precedes this pair. */
  gap: string;
}

type AttributeModel =
  | { kind: 'single'; name: string; before: string; after: string; value: string }
  | { kind: 'empty'; name: string }
  | {
      kind: 'vector';
      name: string;
      before: string;
      open: string;
      close: string;
      pairs: PairModel[];
    };

export interface ConfModel {
  head: string;
  attributes: { attribute: AttributeModel; gap: string }[];
  finalNewline: boolean;
}

/** A name as written: upper or lower case (oned upper-cases names). */
const spelled = (names: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...names), fc.boolean())
    .map(([name, lower]) => (lower ? name.toLowerCase() : name));

const blank = fc.constantFrom('', ' ', '  ', '\t');

const quoted = fc
  .array(fc.constantFrom('a', 'b', ' ', '\\"', '#', ',', ']', '[', '=', '\n', 'é', '0'), {
    maxLength: 6,
  })
  .map((parts) => `"${parts.join('')}"`);

const plain = fc.stringMatching(/^[A-Za-z0-9_./:-]{1,8}$/);

const value = fc.oneof(quoted, plain);

const comment = fc.constantFrom('# note', '#', '# FEDERATION = [ MODE = "X" ]', '#  c, d');

const pairGap = fc.oneof(
  fc.constantFrom(' ', '', '\n    ', '\n  '),
  comment.map((c) => ` ${c}\n  `),
);

const pair: fc.Arbitrary<PairModel> = fc.record({
  key: spelled(keys),
  before: blank,
  after: blank,
  value,
  gap: pairGap,
});

const anyName = spelled([...nodeLocalNames, ...otherNames]);

const attribute: fc.Arbitrary<AttributeModel> = fc.oneof(
  fc.record({
    kind: fc.constant('single' as const),
    name: anyName,
    before: blank,
    after: blank,
    value,
  }),
  fc.record({
    kind: fc.constant('vector' as const),
    name: anyName,
    before: blank,
    open: fc.constantFrom('', ' ', '\n    '),
    close: fc.constantFrom('', ' ', '\n'),
    pairs: fc.array(pair, { maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('empty' as const),
    name: spelled(['HOSTNAME', 'LISTEN_ADDRESS', 'A']),
  }),
);

/** What separates two attributes (at least one blank or newline). */
const attributeGap = fc.oneof(
  fc.constantFrom('\n', '\n\n', ' ', '\n  '),
  comment.map((c) => ` ${c}\n`),
  comment.map((c) => `\n${c}\n`),
);

export const confModel: fc.Arbitrary<ConfModel> = fc
  .record({
    head: fc.oneof(
      fc.constant(''),
      comment.map((c) => `${c}\n`),
    ),
    attributes: fc.array(fc.record({ attribute, gap: attributeGap }), { maxLength: 9 }),
    finalNewline: fc.boolean(),
  })
  .filter((model) => parses(renderConf(model)));

/** Replaces the value of a node-local single attribute or vector pair. */
export type Revalue = (value: string) => string;

export function renderConf(
  model: ConfModel,
  o: { rules?: readonly NodeLocalRule[]; revalue?: Revalue } = {},
): string {
  const local = nodeLocalPredicate(model, o.rules ?? []);
  const re = (v: string, isLocal: boolean) => (isLocal && o.revalue ? o.revalue(v) : v);
  let text = model.head;
  model.attributes.forEach(({ attribute: a, gap }, index) => {
    if (a.kind === 'empty') text += `${a.name} =\n`;
    else if (a.kind === 'single') {
      text += `${a.name}${a.before}=${a.after}${re(a.value, local(index))}`;
    } else {
      const pairs = a.pairs
        .map((p, i) => {
          const written = `${p.key}${p.before}=${p.after}${re(p.value, local(index, p.key))}`;
          return i === 0 ? written : `,${p.gap}${written}`;
        })
        .join('');
      text += `${a.name}${a.before}= [${a.pairs.length === 0 ? a.open : a.open + pairs + a.close}]`;
    }
    text += gap;
  });
  return model.finalNewline ? text : text.replace(/\n$/, '');
}

/** Whether attribute `index` (or its pair `key`) is node-local under `rules`. */
function nodeLocalPredicate(model: ConfModel, rules: readonly NodeLocalRule[]) {
  const upper = (name: string) => name.toUpperCase();
  const firstVector = new Map<string, number>();
  model.attributes.forEach(({ attribute: a }, index) => {
    if (a.kind === 'vector' && !firstVector.has(upper(a.name))) {
      firstVector.set(upper(a.name), index);
    }
  });
  return (index: number, key?: string): boolean => {
    const name = upper(model.attributes[index]!.attribute.name);
    return rules.some((rule) =>
      rule.attribute !== name
        ? false
        : !rule.keys ||
          (key !== undefined && firstVector.get(name) === index && rule.keys.includes(upper(key))),
    );
  };
}

function parses(text: string): boolean {
  try {
    parseTemplate(text);
    return true;
  } catch (err) {
    if (isOneKitError(err, 'TEMPLATE_SYNTAX')) return false;
    throw err;
  }
}
