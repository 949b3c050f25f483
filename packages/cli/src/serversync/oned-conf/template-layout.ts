// Where each attribute of a template text sits: offsets of names, values, vectors and the
// commas between pairs, so that oned.conf can be edited in place and keep its comments and
// layout. It scans as core's template lexer does (same character classes, same longest-match
// rule for values) but only on text that core's parser has accepted first: see
// `templateLayout`, which parses and then scans.
import { attributeName, parseTemplate, templateCharClasses, vectorKeyName } from '@onekit/core';

const { isBlank, isNameChar, isPlainChar, isSpace } = templateCharClasses;

/** A run of text: `start` inclusive, `end` exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface PairLayout extends TextSpan {
  /** The stored key (upper-cased). */
  readonly key: string;
  /** The comma that follows the pair, when one does. */
  readonly comma?: number;
}

export interface AttributeLayout extends TextSpan {
  /** The stored name (oned's naming rules). */
  readonly name: string;
  readonly kind: 'single' | 'vector';
  /** Vectors only, in text order. */
  readonly pairs: readonly PairLayout[];
  /** Vectors only: offsets of `[` and `]`. */
  readonly open?: number;
  readonly close?: number;
}

export interface TemplateLayout {
  readonly text: string;
  /** In text order. */
  readonly attributes: readonly AttributeLayout[];
}

/**
 * The layout of a template text. The text is parsed with core's parser first, so a syntax
 * error is core's TEMPLATE_SYNTAX (naming `file`, line and columns).
 */
export function templateLayout(text: string, options: { file?: string } = {}): TemplateLayout {
  parseTemplate(text, options);
  return { text, attributes: new LayoutScanner(text).attributes() };
}

class LayoutScanner {
  private pos = 0;
  private readonly lastQuote: number;

  constructor(private readonly text: string) {
    this.lastQuote = text.lastIndexOf('"');
  }

  attributes(): AttributeLayout[] {
    const found: AttributeLayout[] = [];
    for (this.skipSpace(); this.pos < this.text.length; this.skipSpace()) {
      found.push(this.attribute());
    }
    return found;
  }

  private attribute(): AttributeLayout {
    const start = this.pos;
    const name = attributeName(this.name());
    this.skipSpace();
    const equal = this.pos;
    this.expect('=');
    this.skipBlanks();
    if (this.text[this.pos] === '\n') {
      // `NAME =` alone on its line: an empty single value.
      return { name, kind: 'single', start, end: equal + 1, pairs: [] };
    }
    if (this.text[this.pos] === '[') {
      const open = this.pos++;
      const pairs = this.pairs();
      const close = this.pos - 1;
      return { name, kind: 'vector', start, end: this.pos, pairs, open, close };
    }
    this.pos += this.valueLength();
    return { name, kind: 'single', start, end: this.pos, pairs: [] };
  }

  /** Reads pairs after `[` up to and including `]`. */
  private pairs(): PairLayout[] {
    const pairs: PairLayout[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return pairs;
    }
    for (;;) {
      const start = this.pos;
      const key = vectorKeyName(this.name());
      this.skipSpace();
      this.expect('=');
      this.skipBlanks();
      this.pos += this.valueLength();
      const end = this.pos;
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        pairs.push({ key, start, end });
        this.pos++;
        return pairs;
      }
      const comma = this.pos;
      this.expect(',');
      pairs.push({ key, start, end, comma });
      this.skipSpace();
    }
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isNameChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) throw this.unexpected('a name');
    return this.text.slice(start, this.pos);
  }

  /** The longer of a quoted value and an unquoted run (the lexer's rule; `[` is handled). */
  private valueLength(): number {
    const text = this.text;
    const start = this.pos;
    const quoted = text[start] === '"' ? this.quotedLength(start) : 0;
    let plain = 0;
    while (start + plain < text.length && isPlainChar(text.charCodeAt(start + plain))) plain++;
    const longest = Math.max(quoted, plain);
    if (longest === 0) throw this.unexpected('a value');
    return longest;
  }

  private quotedLength(start: number): number {
    const text = this.text;
    let close = text.indexOf('"', start + 1);
    while (close !== -1 && text[close - 1] === '\\') close = text.indexOf('"', close + 1);
    if (close !== -1) return close - start + 1;
    return this.lastQuote > start ? this.lastQuote - start + 1 : 0;
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw this.unexpected(`"${char}"`);
    this.pos++;
  }

  /** Blanks, newlines and comments between tokens. */
  private skipSpace(): void {
    const text = this.text;
    for (;;) {
      while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
      if (text[this.pos] !== '#') return;
      const newline = text.indexOf('\n', this.pos);
      this.pos = newline === -1 ? text.length : newline + 1;
    }
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  // Only reachable if this scanner and core's parser disagree about an accepted text.
  private unexpected(what: string): Error {
    return new Error(`template layout: expected ${what} at offset ${this.pos}`);
  }
}
