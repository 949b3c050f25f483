// A strict pull tokenizer for the small part of XML that XML-RPC bodies and OpenNebula
// documents use: elements, attributes (checked, then dropped), character data with the
// five predefined entities and character references, CDATA sections, comments and the
// XML declaration. Document type declarations are refused outright, so no entity can
// expand. Every scan is an indexOf or a single forward loop: linear time on any input.
import { OneKitError, type ErrorCode, type ErrorLocation } from '../errors/index.js';
import { invalidXmlCharIndex, isXmlSpace } from './characters.js';
import { decodeReferences, normalizeNewlines } from './references.js';

/** Which error code each kind of failure carries (XML-RPC and documents differ). */
export interface TokenizerErrorCodes {
  malformed: ErrorCode;
  tooLarge: ErrorCode;
  tooDeep: ErrorCode;
}

export interface TokenizerOptions {
  codes: TokenizerErrorCodes;
  /** Most start tags the document may hold. */
  maxElements: number;
  /** Most elements open at once. */
  maxDepth: number;
}

export type TokenKind = 'open' | 'close' | 'text' | 'end';

/** Longest XML declaration accepted; real ones are about 40 characters. */
const MAX_DECLARATION_LENGTH = 200;

/** version, then optional encoding and standalone, in that order (XML 1.0 §2.8). */
const DECLARATION =
  /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*$/;

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * Reads one token per `next()` call and leaves it in `kind`, `name` and `text`.
 * Character data, CDATA sections and comments between two tags come back as a single
 * `text` token (whitespace-only runs included: the caller decides what they mean). A
 * self-closing tag yields `open` then `close`. Close tags are checked against the open
 * element, and the document must have exactly one root.
 */
export class XmlTokenizer {
  kind: TokenKind = 'end';
  /** Element name of an `open` or `close` token. */
  name = '';
  /** Decoded content of a `text` token. */
  text = '';
  /** Offset of the current token in the input, for error locations. */
  start = 0;

  private pos = 0;
  private readonly stack: string[] = [];
  private elements = 0;
  private selfClosed = false;
  private rootDone = false;
  /** `fail` bound to this tokenizer, for the reference decoder. */
  private readonly failAt = (message: string, offset: number): never => this.fail(message, offset);

  constructor(
    private readonly input: string,
    private readonly options: TokenizerOptions,
  ) {
    const bad = invalidXmlCharIndex(input);
    if (bad >= 0) this.fail('character not allowed in XML', bad);
    if (input.startsWith('<?xml') && isXmlSpace(input.charCodeAt(5))) this.readDeclaration();
  }

  next(): TokenKind {
    if (this.selfClosed) {
      this.selfClosed = false;
      this.start = this.pos;
      return this.emitClose(this.stack.pop()!);
    }
    const input = this.input;
    for (;;) {
      this.start = this.pos;
      if (this.pos >= input.length) {
        if (this.stack.length > 0) this.fail(`<${this.stack.at(-1)}> is not closed`);
        if (!this.rootDone) this.fail('the document has no root element');
        this.kind = 'end';
        return this.kind;
      }
      if (this.stack.length > 0) {
        const text = this.readText();
        if (text !== '') {
          this.text = text;
          this.kind = 'text';
          return this.kind;
        }
        if (this.pos >= input.length) continue;
      } else {
        this.skipOutsideRoot();
        if (this.pos >= input.length) continue;
        if (this.rootDone) this.fail('content after the root element', this.pos);
      }
      this.start = this.pos;
      return this.readMarkup();
    }
  }

  /** Throws the tokenizer's malformed-input error at `offset` (default: current token). */
  fail(message: string, offset = this.start, code = this.options.codes.malformed): never {
    throw new OneKitError(code, message, this.locate(offset));
  }

  /** Line and column (1-based, UTF-16 units) of an offset in the input. */
  locate(offset: number): ErrorLocation {
    let line = 1;
    let lineStart = 0;
    for (
      let i = this.input.indexOf('\n');
      i >= 0 && i < offset;
      i = this.input.indexOf('\n', i + 1)
    ) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }

  private emitClose(name: string): TokenKind {
    this.name = name;
    this.kind = 'close';
    if (this.stack.length === 0) this.rootDone = true;
    return this.kind;
  }

  private readDeclaration(): void {
    const end = this.input.indexOf('?>', 5);
    if (end < 0 || end > MAX_DECLARATION_LENGTH) this.fail('unterminated XML declaration', 0);
    const match = DECLARATION.exec(this.input.slice(5, end));
    if (match === null) this.fail('malformed XML declaration', 0);
    const encoding = match[3];
    if (encoding !== undefined && !UTF8_NAMES.has(encoding.toLowerCase())) {
      this.fail(`unsupported encoding ${encoding}: only UTF-8 is accepted`, 0);
    }
    this.pos = end + 2;
  }

  /** Skips white space and comments before and after the root element. */
  private skipOutsideRoot(): void {
    const input = this.input;
    for (;;) {
      while (this.pos < input.length && isXmlSpace(input.charCodeAt(this.pos))) this.pos++;
      if (!input.startsWith('<!--', this.pos)) break;
      this.skipComment();
    }
    if (this.pos < input.length && input.charCodeAt(this.pos) !== 0x3c) {
      this.fail('text outside the root element', this.pos);
    }
  }

  /** Character data, CDATA and comments up to the next tag, decoded and joined. */
  private readText(): string {
    const input = this.input;
    let out = '';
    while (this.pos < input.length) {
      const lt = input.indexOf('<', this.pos);
      const end = lt < 0 ? input.length : lt;
      if (end > this.pos) out += this.decodeCharData(this.pos, end);
      this.pos = end;
      if (lt < 0 || input.charCodeAt(lt + 1) !== 0x21) break;
      if (input.startsWith('<![CDATA[', lt)) {
        const close = input.indexOf(']]>', lt + 9);
        if (close < 0) this.fail('unterminated CDATA section', lt);
        out += normalizeNewlines(input.slice(lt + 9, close));
        this.pos = close + 3;
      } else if (input.startsWith('<!--', lt)) {
        this.skipComment();
      } else {
        break;
      }
    }
    return out;
  }

  private skipComment(): void {
    const open = this.pos;
    const dashes = this.input.indexOf('--', open + 4);
    if (dashes < 0) this.fail('unterminated comment', open);
    if (this.input.charCodeAt(dashes + 2) !== 0x3e) this.fail('"--" inside a comment', dashes);
    this.pos = dashes + 3;
  }

  /** At a `<` that is not CDATA or a comment: a start or end tag, or refused markup. */
  private readMarkup(): TokenKind {
    const input = this.input;
    const next = input.charCodeAt(this.pos + 1);
    if (next === 0x2f) return this.readEndTag();
    if (next === 0x21) {
      if (input.startsWith('<!DOCTYPE', this.pos)) {
        this.fail('document type declarations are not accepted');
      }
      this.fail('unexpected markup declaration');
    }
    if (next === 0x3f) this.fail('processing instructions are not accepted');
    return this.readStartTag();
  }

  private readStartTag(): TokenKind {
    const tagStart = this.pos;
    this.pos++;
    const name = this.readName();
    let attributes: Set<string> | undefined;
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = this.input.charCodeAt(this.pos);
      if (c === 0x3e) {
        this.pos++;
        break;
      }
      if (c === 0x2f) {
        if (this.input.charCodeAt(this.pos + 1) !== 0x3e)
          this.fail('expected ">" after "/"', this.pos);
        this.pos += 2;
        this.selfClosed = true;
        break;
      }
      if (Number.isNaN(c)) this.fail(`unterminated start tag <${name}>`, tagStart);
      if (!hadSpace) this.fail(`expected white space or ">" in <${name}>`, this.pos);
      const attributeStart = this.pos;
      const attribute = this.readAttribute();
      attributes ??= new Set();
      if (attributes.has(attribute)) this.fail(`attribute ${attribute} repeated`, attributeStart);
      attributes.add(attribute);
    }
    if (++this.elements > this.options.maxElements) {
      this.fail(
        `more than ${this.options.maxElements} elements`,
        tagStart,
        this.options.codes.tooLarge,
      );
    }
    if (this.stack.length >= this.options.maxDepth) {
      this.fail(
        `elements nested deeper than ${this.options.maxDepth}`,
        tagStart,
        this.options.codes.tooDeep,
      );
    }
    this.stack.push(name);
    this.name = name;
    this.kind = 'open';
    return this.kind;
  }

  /** Reads `name = "value"`, checks the value, and returns the name. */
  private readAttribute(): string {
    const name = this.readName();
    this.skipSpace();
    if (this.input.charCodeAt(this.pos) !== 0x3d) this.fail(`expected "=" after ${name}`, this.pos);
    this.pos++;
    this.skipSpace();
    const quote = this.input[this.pos];
    if (quote !== '"' && quote !== "'") this.fail(`expected a quoted value for ${name}`, this.pos);
    const close = this.input.indexOf(quote, this.pos + 1);
    if (close < 0) this.fail(`unterminated value for ${name}`, this.pos);
    const value = this.input.slice(this.pos + 1, close);
    const lt = value.indexOf('<');
    if (lt >= 0) this.fail(`"<" in the value of ${name}`, this.pos + 1 + lt);
    decodeReferences(value, this.pos + 1, this.failAt);
    this.pos = close + 1;
    return name;
  }

  private readEndTag(): TokenKind {
    this.pos += 2;
    const name = this.readName();
    this.skipSpace();
    if (this.input.charCodeAt(this.pos) !== 0x3e)
      this.fail(`expected ">" to end </${name}`, this.pos);
    this.pos++;
    const open = this.stack.at(-1);
    if (open === undefined) this.fail(`</${name}> closes nothing`);
    if (open !== name) this.fail(`</${name}> where </${open}> was expected`);
    this.stack.pop();
    return this.emitClose(name);
  }

  /** ASCII names as XML defines them, plus any non-ASCII character (never in our documents). */
  private readName(): string {
    const input = this.input;
    const start = this.pos;
    let c = input.charCodeAt(this.pos);
    if (!isNameStart(c)) this.fail('expected an element or attribute name', this.pos);
    do c = input.charCodeAt(++this.pos);
    while (isNameChar(c));
    return input.slice(start, this.pos);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (isXmlSpace(this.input.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  private decodeCharData(from: number, to: number): string {
    const raw = this.input.slice(from, to);
    const cdataEnd = raw.indexOf(']]>');
    if (cdataEnd >= 0) this.fail('"]]>" in character data', from + cdataEnd);
    return decodeReferences(raw, from, this.failAt);
  }
}

function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}
