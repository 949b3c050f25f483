// A strict pull tokenizer for the small part of XML that XML-RPC bodies, OpenNebula
// documents and templates use: elements, attributes (checked, then dropped), character
// data with the five predefined entities and character references, CDATA sections,
// comments, the XML declaration (after an optional byte order mark) and, where the caller
// allows them, processing instructions (skipped). Document type declarations are refused
// outright, so no entity can expand. Every scan is an indexOf or a single forward loop:
// linear time on any input.
import { OneKitError, type ErrorCode, type ErrorLocation } from '../errors/index.js';
import { invalidXmlCharIndex, isXmlSpace, xmlNameEnd } from './characters.js';
import { declarationEnd, isDeclarationAt } from './declaration.js';
import { decodeReferences, normalizeNewlines } from './references.js';

/** Which error code each kind of failure carries (XML-RPC and documents differ). */
export interface TokenizerErrorCodes {
  malformed: ErrorCode;
  tooLarge: ErrorCode;
  tooDeep: ErrorCode;
}

/** What went wrong and where: offsets in the input, `end` exclusive and only when known. */
export interface TokenizerFailure {
  message: string;
  code: ErrorCode;
  start: number;
  end?: number;
}

export interface TokenizerOptions {
  codes: TokenizerErrorCodes;
  /** Most start tags the document may hold. */
  maxElements: number;
  /** Most elements open at once. */
  maxDepth: number;
  /** Processing instructions are refused unless this says to skip them. */
  processingInstructions?: 'refuse' | 'skip';
  /** Builds the error a failure throws; by default a OneKitError at the line and column of `start`. */
  error?: (failure: TokenizerFailure) => Error;
}

export type TokenKind = 'open' | 'close' | 'text' | 'end';

/**
 * Reads one token per `next()` call and leaves it in `kind`, `name` and `text`.
 * Character data, CDATA sections, comments and skipped processing instructions between
 * two tags come back as a single `text` token (whitespace-only runs included: the caller
 * decides what they mean); an empty CDATA section makes an empty one, so `<a/>` and
 * `<a><![CDATA[]]></a>` can be told apart. A self-closing tag yields `open` then `close`.
 * Close tags are checked against the open element, and the document must have exactly
 * one root.
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
  private readonly skipsProcessingInstructions: boolean;
  /** Malformed-input failures over a span, bound for the reference decoder. */
  private readonly failSpan = (message: string, start: number, end?: number): never => {
    throw this.error({ message, code: this.options.codes.malformed, start, end });
  };

  constructor(
    private readonly input: string,
    private readonly options: TokenizerOptions,
  ) {
    this.skipsProcessingInstructions = options.processingInstructions === 'skip';
    const bad = invalidXmlCharIndex(input);
    if (bad >= 0) this.fail('character not allowed in XML', bad);
    if (input.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (isDeclarationAt(input, this.pos)) this.pos = declarationEnd(input, this.pos, this.failSpan);
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
        if (text !== undefined) {
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
    throw this.error({ message, code, start: offset });
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

  private error(failure: TokenizerFailure): Error {
    return (
      this.options.error?.(failure) ??
      new OneKitError(failure.code, failure.message, this.locate(failure.start))
    );
  }

  private emitClose(name: string): TokenKind {
    this.name = name;
    this.kind = 'close';
    if (this.stack.length === 0) this.rootDone = true;
    return this.kind;
  }

  /** Skips white space, comments and allowed processing instructions around the root. */
  private skipOutsideRoot(): void {
    const input = this.input;
    for (;;) {
      while (this.pos < input.length && isXmlSpace(input.charCodeAt(this.pos))) this.pos++;
      if (input.startsWith('<!--', this.pos)) this.skipComment();
      else if (this.skipsProcessingInstructions && input.startsWith('<?', this.pos)) {
        this.skipProcessingInstruction();
      } else break;
    }
    if (this.pos < input.length && input.charCodeAt(this.pos) !== 0x3c) {
      this.fail('text outside the root element', this.pos);
    }
  }

  /**
   * Character data and CDATA up to the next tag, decoded and joined, past comments and
   * skipped processing instructions; undefined when there was neither.
   */
  private readText(): string | undefined {
    const input = this.input;
    let out: string | undefined;
    while (this.pos < input.length) {
      const lt = input.indexOf('<', this.pos);
      const end = lt < 0 ? input.length : lt;
      if (end > this.pos) out = (out ?? '') + this.decodeCharData(this.pos, end);
      this.pos = end;
      if (lt < 0) break;
      const next = input.charCodeAt(lt + 1);
      if (next === 0x21 && input.startsWith('<![CDATA[', lt)) {
        const close = input.indexOf(']]>', lt + 9);
        if (close < 0) this.fail('unterminated CDATA section', lt);
        out = (out ?? '') + normalizeNewlines(input.slice(lt + 9, close));
        this.pos = close + 3;
      } else if (next === 0x21 && input.startsWith('<!--', lt)) {
        this.skipComment();
      } else if (next === 0x3f && this.skipsProcessingInstructions) {
        this.skipProcessingInstruction();
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
    if (this.input.charCodeAt(dashes + 2) !== 0x3e) {
      this.failSpan('"--" inside a comment', dashes, dashes + 2);
    }
    this.pos = dashes + 3;
  }

  /** Past `<?target data?>`; the target `xml` (any case) belongs only to the declaration. */
  private skipProcessingInstruction(): void {
    const open = this.pos;
    this.pos += 2;
    const target = this.readName('a processing instruction target');
    if (target.toLowerCase() === 'xml') {
      this.failSpan('the XML declaration must come first', open, this.pos);
    }
    const close = this.input.indexOf('?>', this.pos);
    if (close < 0) this.fail('unterminated processing instruction', open);
    if (close > this.pos && !isXmlSpace(this.input.charCodeAt(this.pos))) {
      this.fail(`expected white space after <?${target}`, this.pos);
    }
    this.pos = close + 2;
  }

  /** At a `<` that is not CDATA or a comment: a start or end tag, or refused markup. */
  private readMarkup(): TokenKind {
    const input = this.input;
    const next = input.charCodeAt(this.pos + 1);
    if (next === 0x2f) return this.readEndTag();
    if (next === 0x21) {
      if (input.startsWith('<!DOCTYPE', this.pos)) {
        this.failSpan('document type declarations are not accepted', this.pos, this.pos + 9);
      }
      this.fail('unexpected markup declaration');
    }
    if (next === 0x3f) this.fail('processing instructions are not accepted');
    return this.readStartTag();
  }

  private readStartTag(): TokenKind {
    const tagStart = this.pos;
    this.pos++;
    const name = this.readName('an element name');
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
      if (attributes.has(attribute)) {
        this.failSpan(
          `attribute ${attribute} repeated`,
          attributeStart,
          attributeStart + attribute.length,
        );
      }
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
    const name = this.readName('an attribute name');
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
    decodeReferences(value, this.pos + 1, this.failSpan);
    this.pos = close + 1;
    return name;
  }

  private readEndTag(): TokenKind {
    this.pos += 2;
    const name = this.readName('an element name');
    this.skipSpace();
    const tagEnd = this.pos;
    if (this.input.charCodeAt(this.pos) !== 0x3e)
      this.fail(`expected ">" to end </${name}`, this.pos);
    this.pos++;
    const open = this.stack.at(-1);
    if (open === undefined) this.failSpan(`</${name}> closes nothing`, this.start, tagEnd);
    if (open !== name)
      this.failSpan(`</${name}> where </${open}> was expected`, this.start, tagEnd);
    this.stack.pop();
    return this.emitClose(name);
  }

  private readName(what: string): string {
    const start = this.pos;
    this.pos = xmlNameEnd(this.input, start);
    if (this.pos === start) this.fail(`expected ${what}`, start);
    return this.input.slice(start, this.pos);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (isXmlSpace(this.input.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  private decodeCharData(from: number, to: number): string {
    const raw = this.input.slice(from, to);
    const cdataEnd = raw.indexOf(']]>');
    if (cdataEnd >= 0) {
      this.failSpan('"]]>" in character data', from + cdataEnd, from + cdataEnd + 3);
    }
    return decodeReferences(raw, from, this.failSpan);
  }
}
