// Just enough roff (man(7) macros) to print text safely.

/**
 * Text as roff reads it literally: backslashes escaped, every hyphen a minus sign (so that
 * options copy and paste), and a line starting with `.` or `'` guarded from being a request.
 */
export function roffText(text: string): string {
  return text
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .split('\n')
    .map((line) => (line.startsWith('.') || line.startsWith("'") ? `\\&${line}` : line))
    .join('\n');
}

export function bold(text: string): string {
  return `\\fB${roffText(text)}\\fR`;
}

export function italic(text: string): string {
  return `\\fI${roffText(text)}\\fR`;
}

/** A quoted macro argument (section and subsection titles). */
export function macroArgument(text: string): string {
  return `"${roffText(text).replaceAll('"', '\\(dq')}"`;
}
