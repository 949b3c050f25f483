export { escapeXml, escapeText, cdata } from './escape.js';
export {
  element,
  cdataElement,
  vectorElement,
  rawXml,
  renderXml,
  XmlElement,
  XmlCData,
  XmlRaw,
  type XmlContent,
  type XmlNode,
  type XmlScalar,
} from './writer.js';
export { readXmlDocument, type ReadXmlOptions, type XmlObject, type XmlValue } from './reader.js';
