// A small, strict XML reader for template documents: elements, character data, CDATA,
// comments, processing instructions and an XML declaration; the five predefined entities
// and character references. DOCTYPE is refused, so no entity can expand. Elements deeper
// than `maxDepth` are refused as they open, so nesting costs nothing and the reader never
// recurses. Attributes are checked for well-formedness and then ignored: templates have none.
// Line ends in character data are normalized (CR LF and CR become LF) as XML requires;
// a `&#13;` reference still yields a carriage return.

import type { SourceText } from './source-text.js';
import { firstNonXmlChar, xmlNamePattern } from './xml-names.js';

export interface XmlElement {
  name: string;
  /** Offset of the element's name in the text. */
  nameStart: number;
  children: XmlElement[];
  /** Character data of this element (text and CDATA), concatenated. */
  text: string;
  /** True when the element holds any text or CDATA node, even an empty CDATA section. */
  hasCharData: boolean;
  /** Offset of the first character data that is not blank, if any. */
  nonBlankAt: number | undefined;
}

export interface XmlReadOptions {
  /** The root is at depth 1. */
  maxDepth: number;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NOT_FOUND = -1;

export function readXmlTree(source: SourceText, options: XmlReadOptions): XmlElement {
  return new XmlReader(source, options.maxDepth).document();
}

class XmlReader {
  private pos = 0;
  private readonly text: string;
  private readonly namePattern = xmlNamePattern();

  constructor(
    private readonly source: SourceText,
    private readonly maxDepth: number,
  ) {
    this.text = source.text;
  }

  document(): XmlElement {
    const bad = firstNonXmlChar(this.text);
    if (bad !== NOT_FOUND) throw this.error('character not allowed in XML', bad);
    if (this.text.startsWith('\uFEFF')) this.pos = 1;
    this.skipSpace();
    if (/^<\?xml[ \t\r\n?]/.test(this.text.slice(this.pos, this.pos + 6))) {
      this.skipTo('?>', this.pos, 'XML declaration is not closed');
    }
    this.skipMisc();
    if (!this.at('<') || this.at('</')) throw this.error('expected the root element', this.pos);
    const root = this.elements();
    this.skipMisc();
    if (this.pos < this.text.length) {
      throw this.error('nothing but comments may follow the root element', this.pos);
    }
    return root;
  }

  /** Reads the element starting here and everything inside it, with an explicit stack. */
  private elements(): XmlElement {
    const { element: root, open } = this.startTag();
    const stack = open ? [root] : [];
    while (stack.length > 0) {
      const current = stack[stack.length - 1]!;
      if (this.pos >= this.text.length) {
        throw this.error(`element <${current.name}> is not closed`, current.nameStart - 1);
      }
      if (this.at('</')) {
        this.endTag(current);
        stack.pop();
      } else if (this.at('<![CDATA[')) {
        const start = this.pos + 9;
        const end = this.skipTo(']]>', start, 'CDATA section is not closed');
        this.addCharData(current, normalizeLineEnds(this.text.slice(start, end)), start);
      } else if (this.at('<!--')) {
        this.comment();
      } else if (this.at('<?')) {
        this.processingInstruction();
      } else if (this.at('<!')) {
        throw this.error('unexpected markup declaration', this.pos);
      } else if (this.at('<')) {
        if (stack.length >= this.maxDepth) {
          throw this.error('elements are nested deeper than a template allows', this.pos);
        }
        const child = this.startTag();
        current.children.push(child.element);
        if (child.open) stack.push(child.element);
      } else {
        const start = this.pos;
        const found = this.text.indexOf('<', start);
        this.pos = found === NOT_FOUND ? this.text.length : found;
        const guard = this.text.slice(start, this.pos).indexOf(']]>');
        if (guard !== NOT_FOUND) {
          throw this.error('"]]>" is not allowed in text', start + guard, start + guard + 3);
        }
        this.addCharData(current, this.decode(start, this.pos), start);
      }
    }
    return root;
  }

  private startTag(): { element: XmlElement; open: boolean } {
    this.pos++;
    const nameStart = this.pos;
    const name = this.name('an element name');
    const element: XmlElement = {
      name,
      nameStart,
      children: [],
      text: '',
      hasCharData: false,
      nonBlankAt: undefined,
    };
    const seen = new Set<string>();
    for (;;) {
      const spaced = this.skipSpace();
      if (this.at('/>')) {
        this.pos += 2;
        return { element, open: false };
      }
      if (this.at('>')) {
        this.pos++;
        return { element, open: true };
      }
      if (!spaced) throw this.error('expected ">", "/>" or an attribute', this.pos);
      const attributeStart = this.pos;
      const attribute = this.name('an attribute name');
      if (seen.has(attribute)) throw this.error('attribute repeated', attributeStart, this.pos);
      seen.add(attribute);
      this.skipSpace();
      if (!this.at('=')) throw this.error('expected "=" after an attribute name', this.pos);
      this.pos++;
      this.skipSpace();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") {
        throw this.error('expected a quoted attribute value', this.pos);
      }
      const valueStart = this.pos + 1;
      const valueEnd = this.text.indexOf(quote, valueStart);
      if (valueEnd === NOT_FOUND) throw this.error('attribute value is not closed', this.pos);
      const lt = this.text.slice(valueStart, valueEnd).indexOf('<');
      if (lt !== NOT_FOUND) {
        throw this.error('"<" is not allowed in an attribute value', valueStart + lt);
      }
      this.decode(valueStart, valueEnd);
      this.pos = valueEnd + 1;
    }
  }

  private endTag(current: XmlElement): void {
    const start = this.pos;
    this.pos += 2;
    const name = this.name('an element name');
    this.skipSpace();
    if (name !== current.name || !this.at('>')) {
      throw this.error(`expected </${current.name}>`, start, this.pos);
    }
    this.pos++;
  }

  /** Skips blanks, comments and processing instructions. */
  private skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.at('<!--')) this.comment();
      else if (this.at('<?')) this.processingInstruction();
      else if (this.at('<!DOCTYPE')) {
        throw this.error('DOCTYPE declarations are not accepted', this.pos, this.pos + 9);
      } else return;
    }
  }

  private comment(): void {
    const start = this.pos + 4;
    const end = this.skipTo('-->', start, 'comment is not closed');
    const body = this.text.slice(start, end);
    if (body.includes('--') || body.endsWith('-')) {
      throw this.error('"--" is not allowed inside a comment', start, end);
    }
  }

  private processingInstruction(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name('a processing instruction target');
    if (target.toLowerCase() === 'xml') {
      throw this.error('the XML declaration must come first', start, this.pos);
    }
    this.skipTo('?>', this.pos, 'processing instruction is not closed');
  }

  private addCharData(element: XmlElement, data: string, offset: number): void {
    element.text += data;
    element.hasCharData = true;
    if (element.nonBlankAt === undefined && /[^ \t\r\n]/.test(data)) element.nonBlankAt = offset;
  }

  /** Character data between two offsets with its references replaced. */
  private decode(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    let decoded = '';
    let done = 0;
    for (let amp = raw.indexOf('&'); amp !== NOT_FOUND; amp = raw.indexOf('&', done)) {
      const semicolon = raw.indexOf(';', amp);
      if (semicolon === NOT_FOUND) {
        throw this.error('"&" must start a reference ending in ";"', start + amp);
      }
      decoded += normalizeLineEnds(raw.slice(done, amp));
      decoded += this.reference(raw.slice(amp + 1, semicolon), start + amp, start + semicolon + 1);
      done = semicolon + 1;
    }
    return decoded + normalizeLineEnds(raw.slice(done));
  }

  private reference(body: string, start: number, end: number): string {
    const predefined = PREDEFINED[body];
    if (predefined !== undefined && Object.hasOwn(PREDEFINED, body)) return predefined;
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      if (code <= 0x10ffff) {
        const char = String.fromCodePoint(code);
        if (firstNonXmlChar(char) === NOT_FOUND) return char;
      }
      throw this.error('character reference to a character XML cannot carry', start, end);
    }
    throw this.error(`unknown entity "&${body};"`, start, end);
  }

  private name(what: string): string {
    this.namePattern.lastIndex = this.pos;
    const match = this.namePattern.exec(this.text);
    if (!match) throw this.error(`expected ${what}`, this.pos);
    this.pos += match[0].length;
    return match[0];
  }

  /** Moves past the first `marker` at or after `from` and returns the offset where it began. */
  private skipTo(marker: string, from: number, unclosed: string): number {
    const found = this.text.indexOf(marker, from);
    if (found === NOT_FOUND) throw this.error(unclosed, this.pos);
    this.pos = found + marker.length;
    return found;
  }

  /** Skips XML white space; true when there was some. */
  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
    return this.pos > start;
  }

  private at(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  private error(message: string, start: number, end?: number) {
    return this.source.syntaxError(message, start, end);
  }
}

function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
