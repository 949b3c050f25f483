// The tokens of oned's template syntax, scanned as oned's flex scanner scans them: after
// `=` a value is the longest match among an opening bracket, the `]]>` guard (the rest of
// the line when it holds `]]>`), a quoted string and an unquoted run, earlier rules winning
// ties. So `"ab"cd` is one unquoted value and a quoted value ends at the first `"` not
// preceded by a backslash, or failing that at the last `"` of the input.
//
// Departures from oned, on purpose: a character no rule matches is an error (flex echoes
// it and goes on), except a carriage return between tokens, which is skipped as oned
// effectively does; a comment at the very end must still end with a newline.
// Every scan moves forward and the look-aheads are cached, so scanning is linear.

import type { OneKitError } from '../errors/index.js';
import type { SourceText } from './source-text.js';
import { isBlank, isNameChar, isPlainChar, isSpace } from './char-classes.js';

export type TokenKind =
  'name' | 'equal' | 'equal-empty' | 'value' | 'open' | 'close' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  /** Offset of the token's first significant character. */
  start: number;
  /** Offset after its last significant character. */
  end: number;
  /** The name as written, or the value with `\"` unescaped; empty for punctuation. */
  text: string;
}

const NOT_FOUND = -1;

export class TemplateLexer {
  private pos = 0;
  private afterEqual = false;
  private readonly lastQuote: number;
  private nextGuard: number | undefined;
  private nextNewline: number | undefined;

  constructor(private readonly source: SourceText) {
    this.lastQuote = source.text.lastIndexOf('"');
  }

  next(): Token {
    if (this.afterEqual) {
      this.afterEqual = false;
      return this.value();
    }
    const text = this.source.text;
    for (;;) {
      while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
      const start = this.pos;
      if (start >= text.length) return { kind: 'end', start, end: start, text: '' };
      const c = text[start]!;
      if (c === '#') {
        const newline = this.newlineFrom(start);
        if (newline === text.length) {
          throw this.source.syntaxError('comment not ended by a newline', start, text.length);
        }
        this.pos = newline + 1;
        continue;
      }
      if (isNameChar(text.charCodeAt(start))) {
        let end = start + 1;
        while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
        return this.take('name', start, end, text.slice(start, end));
      }
      if (c === '=') {
        let after = start + 1;
        while (after < text.length && isBlank(text.charCodeAt(after))) after++;
        if (text[after] === '\n') {
          this.pos = after + 1;
          return { kind: 'equal-empty', start, end: start + 1, text: '' };
        }
        this.pos = after;
        this.afterEqual = true;
        return { kind: 'equal', start, end: start + 1, text: '' };
      }
      if (c === ',') return this.take('comma', start, start + 1, '');
      if (c === ']') return this.take('close', start, start + 1, '');
      throw this.source.syntaxError(`unexpected ${describeChar(text, start)}`, start);
    }
  }

  private value(): Token {
    const text = this.source.text;
    const start = this.pos;
    if (start >= text.length) throw this.source.syntaxError('missing value after "="', start);
    const lineEnd = this.newlineFrom(start);
    const guard = this.guardFrom(start);
    const guardLength = guard !== NOT_FOUND && guard + 3 <= lineEnd ? lineEnd - start : 0;
    const bracketLength = text[start] === '[' ? 1 : 0;
    const quotedLength = text[start] === '"' ? this.quotedLength(start) : 0;
    let plainLength = 0;
    while (start + plainLength < text.length && isPlainChar(text.charCodeAt(start + plainLength))) {
      plainLength++;
    }
    const longest = Math.max(bracketLength, guardLength, quotedLength, plainLength);
    if (longest === 0) {
      throw this.source.syntaxError(`expected a value, found ${describeChar(text, start)}`, start);
    }
    if (bracketLength === longest) return this.take('open', start, start + 1, '');
    if (guardLength === longest) throw this.guardError(guard);
    if (quotedLength === longest) {
      const inner = text.slice(start + 1, start + quotedLength - 1);
      const inside = inner.indexOf(']]>');
      if (inside !== NOT_FOUND) throw this.guardError(start + 1 + inside);
      return this.take('value', start, start + quotedLength, unescape(inner));
    }
    return this.take(
      'value',
      start,
      start + plainLength,
      unescape(text.slice(start, start + plainLength)),
    );
  }

  private quotedLength(start: number): number {
    const text = this.source.text;
    let close = text.indexOf('"', start + 1);
    while (close !== NOT_FOUND && text[close - 1] === '\\') close = text.indexOf('"', close + 1);
    if (close !== NOT_FOUND) return close - start + 1;
    return this.lastQuote > start ? this.lastQuote - start + 1 : 0;
  }

  private take(kind: TokenKind, start: number, end: number, text: string): Token {
    this.pos = end;
    return { kind, start, end, text };
  }

  private guardError(at: number): OneKitError {
    return this.source.syntaxError(
      '"]]>" is not allowed in a value or after it on its line',
      at,
      at + 3,
    );
  }

  /** Offset of the next newline at or after `from`, or the input length. */
  private newlineFrom(from: number): number {
    if (this.nextNewline === undefined || this.nextNewline < from) {
      const found = this.source.text.indexOf('\n', from);
      this.nextNewline = found === NOT_FOUND ? this.source.text.length : found;
    }
    return this.nextNewline;
  }

  /** Offset of the next `]]>` at or after `from`, or NOT_FOUND. */
  private guardFrom(from: number): number {
    if (this.nextGuard === undefined || (this.nextGuard !== NOT_FOUND && this.nextGuard < from)) {
      this.nextGuard = this.source.text.indexOf(']]>', from);
    }
    return this.nextGuard;
  }
}

/** `\"` is the only escape; every other backslash stays as written. */
function unescape(raw: string): string {
  return raw.replaceAll('\\"', '"');
}

function describeChar(text: string, offset: number): string {
  const char = String.fromCodePoint(text.codePointAt(offset)!);
  return /^[\x21-\x7e]$/.test(char)
    ? `'${char}'`
    : `character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
