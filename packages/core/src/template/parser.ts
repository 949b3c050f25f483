// oned's template grammar, read with one token of look-ahead and no recursion:
//   template  := attribute*
//   attribute := NAME '=' value | NAME '=' '[' ']' | NAME '=' '[' pair (',' pair)* ']'
//              | NAME '=' <newline>                      (an empty single value)
//   pair      := NAME '=' value                          (the value is mandatory)

import type { OneKitError } from '../errors/index.js';
import { TemplateLexer, type Token } from './lexer.js';
import { Template, type VectorPair } from './model.js';
import { attributeName, vectorKeyName } from './names.js';
import { SourceText } from './source-text.js';

export interface ParseOptions {
  /** Named in errors (`where.file`). */
  file?: string;
}

/** Parses oned's template text; any failure is a TEMPLATE_SYNTAX OneKitError. */
export function parseTemplate(text: string, options: ParseOptions = {}): Template {
  const source = new SourceText(text, options.file);
  const lexer = new TemplateLexer(source);
  const template = new Template();
  for (let token = lexer.next(); token.kind !== 'end'; token = lexer.next()) {
    if (token.kind !== 'name') throw unexpected(source, token, 'an attribute name');
    const name = attributeName(token.text);
    const at = source.position(token.start);
    const equal = lexer.next();
    if (equal.kind === 'equal-empty') {
      template.add({ kind: 'single', name, value: '', at });
      continue;
    }
    if (equal.kind !== 'equal') throw unexpected(source, equal, '"="');
    const value = lexer.next();
    if (value.kind === 'value') template.add({ kind: 'single', name, value: value.text, at });
    else template.add({ kind: 'vector', name, pairs: readPairs(lexer, source), at });
  }
  return template;
}

/** Reads the pairs of a vector whose `[` was just read, up to and including its `]`. */
function readPairs(lexer: TemplateLexer, source: SourceText): VectorPair[] {
  const pairs: VectorPair[] = [];
  let token = lexer.next();
  if (token.kind === 'close') return pairs;
  for (;;) {
    if (token.kind === 'close') {
      throw source.syntaxError('a comma cannot come right before "]"', token.start);
    }
    if (token.kind !== 'name') throw unexpected(source, token, 'a vector key');
    const key = vectorKeyName(token.text);
    const at = source.position(token.start);
    const equal = lexer.next();
    if (equal.kind === 'equal-empty') {
      throw source.syntaxError(
        'a vector value cannot be left out (write "" for empty)',
        equal.start,
      );
    }
    if (equal.kind !== 'equal') throw unexpected(source, equal, '"="');
    const value = lexer.next();
    if (value.kind !== 'value') throw source.syntaxError('vectors cannot be nested', value.start);
    pairs.push({ key, value: value.text, at });
    const separator = lexer.next();
    if (separator.kind === 'close') return pairs;
    if (separator.kind !== 'comma') throw unexpected(source, separator, '"," or "]"');
    token = lexer.next();
  }
}

function unexpected(source: SourceText, token: Token, expected: string): OneKitError {
  return source.syntaxError(
    `expected ${expected}, found ${describe(token)}`,
    token.start,
    token.end,
  );
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'name':
      return `name "${token.text}"`;
    case 'value':
      return 'a value';
    case 'equal':
    case 'equal-empty':
      return '"="';
    case 'open':
      return '"["';
    case 'close':
      return '"]"';
    case 'comma':
      return '","';
    case 'end':
      return 'the end of the input';
  }
}
