// The XML form oned stores and serves: `<TEMPLATE><NAME><![CDATA[v]]></NAME>...</TEMPLATE>`,
// every value in CDATA, vector sub-elements in key order (the model keeps them sorted).
// An empty vector is written `<NAME/>` and an empty single value `<NAME><![CDATA[]]></NAME>`,
// which is how templateFromXml tells them apart. A carriage return is written as `&#13;`
// between CDATA sections, because XML readers turn a raw one into a newline.

import { OneKitError } from '../errors/index.js';
import { invalidXmlCharName, isXmlName } from '../xml/characters.js';
import { cdata } from '../xml/escape.js';
import type { Template } from './model.js';

export interface XmlPrintOptions {
  /** The root element's name; TEMPLATE unless given (e.g. USER_TEMPLATE). */
  root?: string;
}

export function printXml(template: Template, options: XmlPrintOptions = {}): string {
  const root = elementName(options.root ?? 'TEMPLATE', 'root');
  let xml = `<${root}>`;
  for (const attribute of template.attributes) {
    const name = elementName(attribute.name, attribute.name);
    if (attribute.kind === 'single') {
      xml += `<${name}>${characterData(attribute.value, name)}</${name}>`;
    } else if (attribute.pairs.length === 0) {
      xml += `<${name}/>`;
    } else {
      xml += `<${name}>`;
      for (const pair of attribute.pairs) {
        const field = `${name}/${pair.key}`;
        const key = elementName(pair.key, field);
        xml += `<${key}>${characterData(pair.value, field)}</${key}>`;
      }
      xml += `</${name}>`;
    }
  }
  return `${xml}</${root}>`;
}

function elementName(name: string, field: string): string {
  if (!isXmlName(name)) throw unprintable(`"${name}" is not an XML element name`, field);
  return name;
}

function characterData(value: string, field: string): string {
  const bad = invalidXmlCharName(value);
  if (bad !== undefined) throw unprintable(`character ${bad} cannot be carried by XML`, field);
  return value.split('\r').map(cdata).join('&#13;');
}

function unprintable(message: string, field: string): OneKitError {
  return new OneKitError('TEMPLATE_UNPRINTABLE', `${field}: ${message}`, { field });
}
