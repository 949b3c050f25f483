// Templates in XML, read as oned reads them: each child of the root element (whatever
// its name) is an attribute whose name gets oned's naming rules; an element holding other
// elements is a vector of key elements, an element holding text or CDATA is a single value.
//
// An element with no content at all (`<NAME/>`, same as `<NAME></NAME>`) is an empty
// vector, and `<NAME><![CDATA[]]></NAME>` an empty single value: printXml writes them so.
// oned drops an empty element, which would lose the empty vector. Inside a vector an
// empty key element is an empty value, and of repeated keys the last one wins (oned
// replaces). Blank text between elements is layout; other text beside elements is refused.

import { isBlank } from '../xml/characters.js';
import { XmlTokenizer } from '../xml/tokenizer.js';
import { Template, type VectorPair } from './model.js';
import { attributeName } from './names.js';
import { parseTemplate, type ParseOptions } from './parser.js';
import { SourceText } from './source-text.js';

/** Root, attribute, vector key. */
const TEMPLATE_DEPTH = 3;

/** An element as read: the root, an attribute or a vector key. */
interface ReadElement {
  name: string;
  /** Offset of the element's name in the text. */
  nameStart: number;
  /** Its text and CDATA joined; undefined when it held neither. */
  text: string | undefined;
  /** Offset of its first text that is not blank, if any. */
  strayText: number | undefined;
  /** Its key elements, the last of each name. */
  keys: Map<string, VectorPair>;
}

export function templateFromXml(xml: string, options: ParseOptions = {}): Template {
  const source = new SourceText(xml, options.file);
  const { root, attributes } = readElements(source);
  refuseText(source, root);
  const template = new Template();
  for (const element of attributes) {
    const name = attributeName(element.name);
    const at = source.position(element.nameStart);
    if (element.keys.size > 0) {
      refuseText(source, element);
      template.add({ kind: 'vector', name, pairs: [...element.keys.values()], at });
    } else if (element.text !== undefined) {
      template.add({ kind: 'single', name, value: element.text, at });
    } else {
      template.add({ kind: 'vector', name, pairs: [], at });
    }
  }
  return template;
}

/**
 * What oned's parse_str_or_xml accepts: XML when the text starts with `<` (here after
 * leading white space, which oned does not skip), template syntax otherwise.
 */
export function parseTemplateOrXml(text: string, options: ParseOptions = {}): Template {
  return /^[ \t\r\n]*</.test(text) ? templateFromXml(text, options) : parseTemplate(text, options);
}

/** The whole document, well formed and no deeper than a template, before any text is judged. */
function readElements(source: SourceText): { root: ReadElement; attributes: ReadElement[] } {
  const tok = new XmlTokenizer(source.text, {
    codes: {
      malformed: 'TEMPLATE_SYNTAX',
      tooLarge: 'TEMPLATE_SYNTAX',
      tooDeep: 'TEMPLATE_SYNTAX',
    },
    maxDepth: TEMPLATE_DEPTH,
    // The depth limit and the length of the text bound a template already.
    maxElements: Number.POSITIVE_INFINITY,
    processingInstructions: 'skip',
    error: ({ message, start, end }) => source.syntaxError(message, start, end),
  });
  const open: ReadElement[] = [];
  const attributes: ReadElement[] = [];
  let root: ReadElement | undefined;
  for (let kind = tok.next(); kind !== 'end'; kind = tok.next()) {
    if (kind === 'open') {
      open.push({
        name: tok.name,
        nameStart: tok.start + 1,
        text: undefined,
        strayText: undefined,
        keys: new Map(),
      });
    } else if (kind === 'text') {
      const element = open.at(-1)!;
      element.text = (element.text ?? '') + tok.text;
      if (element.strayText === undefined && !isBlank(tok.text)) element.strayText = tok.start;
    } else {
      const element = open.pop()!;
      const parent = open.at(-1);
      if (parent === undefined) {
        root = element;
      } else if (open.length === 1) {
        attributes.push(element);
      } else {
        const at = source.position(element.nameStart);
        parent.keys.set(element.name, { key: element.name, value: element.text ?? '', at });
      }
    }
  }
  // The tokenizer ends only after the root element closed.
  return { root: root!, attributes };
}

function refuseText(source: SourceText, element: ReadElement): void {
  if (element.strayText !== undefined) {
    throw source.syntaxError(
      `text is not allowed directly inside <${element.name}>`,
      element.strayText,
    );
  }
}
