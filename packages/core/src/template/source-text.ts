// Turns offsets in a parsed text into 1-based lines and columns, and offset ranges into
// TEMPLATE_SYNTAX errors worded as oned words them: `<message> at line L, columns A:B`.
// Columns count UTF-16 code units from the start of each line (oned counts from the
// start of the input, which points nowhere useful after the first line).

import { OneKitError } from '../errors/index.js';
import type { SourcePosition } from './model.js';

export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly file?: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): SourcePosition {
    const line = this.lineIndex(offset);
    return { line: line + 1, column: offset - this.lineStarts[line]! + 1 };
  }

  /**
   * An error about the characters from `start` up to (not including) `end`. The column
   * range is inclusive and stays on the first line of a range that spans lines.
   */
  syntaxError(message: string, start: number, end = start + 1): OneKitError {
    const line = this.lineIndex(start);
    const lineStart = this.lineStarts[line]!;
    const nextLineStart = this.lineStarts[line + 1] ?? this.text.length + 1;
    const column = start - lineStart + 1;
    const last = Math.min(Math.max(end, start + 1), nextLineStart - 1);
    const endColumn = Math.max(column, last - lineStart);
    const where = {
      ...(this.file === undefined ? {} : { file: this.file }),
      line: line + 1,
      column,
      endColumn,
    };
    return new OneKitError(
      'TEMPLATE_SYNTAX',
      `${message} at line ${where.line}, columns ${column}:${endColumn}`,
      where,
    );
  }

  private lineIndex(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
