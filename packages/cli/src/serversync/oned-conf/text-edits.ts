// Splicing a text: a set of non-overlapping replacements applied in one pass, and the
// rule that removing something alone on its lines removes those lines too.
import type { TextSpan } from './template-layout.js';

export interface TextEdit extends TextSpan {
  /** What replaces the span; empty to delete, and a zero-width span inserts. */
  readonly text: string;
}

/** Applies edits that do not overlap (insertions at the same offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map(({ edit }) => edit);
  let out = '';
  let done = 0;
  for (const edit of ordered) {
    if (edit.start < done) {
      throw new Error(`overlapping edits at offset ${edit.start}`);
    }
    out += text.slice(done, edit.start) + edit.text;
    done = edit.end;
  }
  return out + text.slice(done);
}

/**
 * A deletion of `span`: widened to whole lines when nothing but blanks comes before it on
 * its first line and nothing but blanks or a comment after it on its last, so that removing
 * an attribute leaves no empty line behind.
 */
export function deletion(text: string, span: TextSpan): TextEdit {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const newline = text.indexOf('\n', span.end);
  const lineEnd = newline === -1 ? text.length : newline;
  const before = text.slice(lineStart, span.start);
  const after = text.slice(span.end, lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t\r]*(#.*)?$/.test(after)) {
    return { start: lineStart, end: newline === -1 ? lineEnd : newline + 1, text: '' };
  }
  return { ...span, text: '' };
}

/** The blanks that open the line `offset` is on, when only blanks precede it there. */
export function indentationAt(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}
