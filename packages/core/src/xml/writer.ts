// Builds XML documents the way oned writes them: object fields as elements with
// escaped text (numbers as plain digits), template values in CDATA, and vector
// attributes with their sub-elements in alphabetical order (oned keeps them in a map).
//
//   renderXml(element('ZONE', [
//     element('ID', 0),
//     element('NAME', 'OpenNebula'),
//     vectorElement('TEMPLATE', { ENDPOINT: 'http://localhost:2633/RPC2' }),
//     element('SERVER_POOL', servers.map((s) => vectorElement('SERVER', s))),
//   ]))
import { OneKitError } from '../errors/index.js';
import { invalidXmlCharName } from './characters.js';
import { cdata, escapeText } from './escape.js';

export type XmlScalar = string | number | bigint;

/** Text to be written as a CDATA section (every template value, in oned's documents). */
export class XmlCData {
  constructor(readonly text: string) {}
}

/** A fragment rendered elsewhere (a template's XML form, say), inserted verbatim. */
export class XmlRaw {
  constructor(readonly xml: string) {}
}

export type XmlNode = XmlElement | XmlRaw;

/**
 * What an element holds: escaped text, CDATA, a raw fragment, or child nodes. An empty
 * list of children writes `<NAME/>`, as oned writes an empty pool or template; an
 * empty string writes `<NAME></NAME>`.
 */
export type XmlContent = XmlScalar | XmlCData | XmlRaw | readonly XmlNode[];

export class XmlElement {
  constructor(
    readonly name: string,
    readonly content: XmlContent,
  ) {}
}

export function element(name: string, content: XmlContent = []): XmlElement {
  return new XmlElement(name, content);
}

export function cdataElement(name: string, value: XmlScalar): XmlElement {
  return new XmlElement(name, new XmlCData(scalarText(value, name)));
}

/** A vector attribute: one CDATA child per pair, in alphabetical order of the names. */
export function vectorElement(
  name: string,
  pairs: Readonly<Record<string, XmlScalar>>,
): XmlElement {
  const names = Object.keys(pairs).sort(compareBytewise);
  return new XmlElement(
    name,
    names.map((key) => cdataElement(key, pairs[key]!)),
  );
}

export function rawXml(xml: string): XmlRaw {
  return new XmlRaw(xml);
}

/** The element as text, without an XML declaration (oned sends none). */
export function renderXml(node: XmlNode): string {
  if (node instanceof XmlRaw) return node.xml;
  const { name, content } = node;
  if (!NAME.test(name)) fail(`"${name}" is not an element name`, name);
  if (content instanceof XmlRaw) return `<${name}>${content.xml}</${name}>`;
  if (content instanceof XmlCData)
    return `<${name}>${cdata(checked(content.text, name))}</${name}>`;
  if (Array.isArray(content)) {
    if (content.length === 0) return `<${name}/>`;
    let out = `<${name}>`;
    for (const child of content as readonly XmlNode[]) out += renderXml(child);
    return `${out}</${name}>`;
  }
  return `<${name}>${escapeText(checked(scalarText(content as XmlScalar, name), name))}</${name}>`;
}

/** ASCII names, as oned's attribute and element names are. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** oned sorts names as std::string does: by code unit, which for ASCII is by byte. */
function compareBytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function scalarText(value: XmlScalar, name: string): string {
  if (typeof value === 'number' && !Number.isFinite(value))
    fail(`${value} cannot be written`, name);
  return String(value);
}

function checked(text: string, name: string): string {
  const bad = invalidXmlCharName(text);
  if (bad !== undefined) fail(`character ${bad} cannot be written in XML`, name);
  return text;
}

function fail(message: string, field: string): never {
  throw new OneKitError('XML_DOCUMENT', message, { field });
}
