// Unified diffs of what a sync would change, computed on the real texts and shown with
// every line redacted (redaction.ts), so a changed password shows as a changed line
// without showing either value. Colour is added separately, when IOStreams allows it.
import { formatPatch, OMIT_HEADERS, structuredPatch, type StructuredPatchHunk } from 'diff';
import { styled } from '../io/index.js';
import { redactLines } from './redaction.js';

export interface FileDiff {
  /** Header names, e.g. `fe1:/etc/one/oned.conf`; the text is absent for /dev/null. */
  readonly oldName: string;
  readonly newName: string;
  readonly oldText?: string;
  readonly newText?: string;
  /** Extended header lines for mode and owner changes (`old mode 0640`, `new mode 0600`). */
  readonly notes?: readonly string[];
}

const nullDevice = '/dev/null';
const contextLines = 3;

/** The diff as plain text ending with a newline, secrets redacted; empty when nothing differs. */
export function renderFileDiff(diff: FileDiff): string {
  const oldName = diff.oldText === undefined ? nullDevice : diff.oldName;
  const newName = diff.newText === undefined ? nullDevice : diff.newName;
  const oldText = diff.oldText ?? '';
  const newText = diff.newText ?? '';
  const notes = (diff.notes ?? []).map((note) => `${note}\n`).join('');
  const header = `${notes}--- ${oldName}\n+++ ${newName}\n`;
  if (oldText === newText && diff.oldText !== undefined && diff.newText !== undefined) {
    return notes === '' ? '' : header;
  }
  if (isBinary(oldText) || isBinary(newText)) {
    return `${header}Binary files ${oldName} and ${newName} differ\n`;
  }
  const patch = structuredPatch(oldName, newName, oldText, newText, undefined, undefined, {
    context: contextLines,
  });
  const hunks = redactHunks(patch.hunks, redactLines(oldText), redactLines(newText));
  // formatPatch writes hunk ranges as unified diffs do (it adjusts empty ranges).
  return header + formatPatch({ ...patch, hunks }, OMIT_HEADERS).replace(/^\n+/, '');
}

/**
 * A rendered diff painted for a terminal: headers bold, hunk ranges yellow, removed lines
 * red, added lines green. Lines before a file's first hunk are headers.
 */
export function colorDiff(text: string): string {
  let inHunk = false;
  return text
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      if (line.startsWith('@@')) {
        inHunk = true;
        return styled(line, 'yellow');
      }
      if (!inHunk || /^[^-+ \\]/.test(line)) {
        inHunk = false;
        return styled(line, 'bold');
      }
      if (line.startsWith('-')) return styled(line, 'red');
      if (line.startsWith('+')) return styled(line, 'green');
      return line;
    })
    .join('\n');
}

/** Each hunk line replaced by the redacted line at the same place in its file. */
function redactHunks(
  hunks: readonly StructuredPatchHunk[],
  oldLines: readonly string[],
  newLines: readonly string[],
): StructuredPatchHunk[] {
  return hunks.map((hunk) => {
    let oldAt = hunk.oldStart - 1;
    let newAt = hunk.newStart - 1;
    const lines = hunk.lines.map((line) => {
      const mark = line[0];
      if (mark === ' ') {
        newAt++;
        return ` ${oldLines[oldAt++]}`;
      }
      if (mark === '-') return `-${oldLines[oldAt++]}`;
      if (mark === '+') return `+${newLines[newAt++]}`;
      return line; // "\ No newline at end of file"
    });
    return { ...hunk, lines };
  });
}

function isBinary(text: string): boolean {
  return text.includes('\u0000');
}
