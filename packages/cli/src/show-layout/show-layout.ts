import { styled } from '../io/index.js';

// The text of `show` commands as OpenNebula's CLIs lay it out: section headers padded to
// 80 columns (bold on a terminal, the first one also underlined) and `LABEL : value`
// lines with the label padded to a width each command chooses.

export interface HeaderOptions {
  /** Colour is on: the header is bold, and underlined when `underline`. */
  color: boolean;
  underline?: boolean;
}

const headerWidth = 80;

/** `%-80s` and a newline. */
export function sectionHeader(title: string, options: HeaderOptions): string {
  const padded = title.padEnd(headerWidth);
  if (!options.color) return padded + '\n';
  return (options.underline ? styled(padded, 'bold', 'underline') : styled(padded, 'bold')) + '\n';
}

/** `%-<width>s: %-20s` and a newline. */
export function labelLine(label: string, value: string, width: number): string {
  return `${label.padEnd(width)}: ${value.padEnd(20)}\n`;
}
