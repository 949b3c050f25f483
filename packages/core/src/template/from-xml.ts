// Templates in XML, read as oned reads them: each child of the root element (whatever
// its name) is an attribute whose name gets oned's naming rules; an element holding other
// elements is a vector of key elements, an element holding text or CDATA is a single value.
//
// An element with no content at all (`<NAME/>`, same as `<NAME></NAME>`) is an empty
// vector, and `<NAME><![CDATA[]]></NAME>` an empty single value: printXml writes them so.
// oned drops an empty element, which would lose the empty vector. Inside a vector an
// empty key element is an empty value, and of repeated keys the last one wins (oned
// replaces). Blank text between elements is layout; other text beside elements is refused.

import { Template, type VectorPair } from './model.js';
import { attributeName } from './names.js';
import { parseTemplate, type ParseOptions } from './parser.js';
import { SourceText } from './source-text.js';
import { readXmlTree, type XmlElement } from './xml-reader.js';

/** Root, attribute, vector key. */
const TEMPLATE_DEPTH = 3;

export function templateFromXml(xml: string, options: ParseOptions = {}): Template {
  const source = new SourceText(xml, options.file);
  const root = readXmlTree(source, { maxDepth: TEMPLATE_DEPTH });
  refuseText(source, root);
  const template = new Template();
  for (const element of root.children) {
    const name = attributeName(element.name);
    const at = source.position(element.nameStart);
    if (element.children.length > 0) {
      refuseText(source, element);
      const pairs = new Map<string, VectorPair>();
      for (const key of element.children) {
        pairs.set(key.name, { key: key.name, value: key.text, at: source.position(key.nameStart) });
      }
      template.add({ kind: 'vector', name, pairs: [...pairs.values()], at });
    } else if (element.hasCharData) {
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

function refuseText(source: SourceText, element: XmlElement): void {
  if (element.nonBlankAt !== undefined) {
    throw source.syntaxError(
      `text is not allowed directly inside <${element.name}>`,
      element.nonBlankAt,
    );
  }
}
