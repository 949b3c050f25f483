// The few SGR sequences OneKit prints. Whether to print them is IOStreams' decision.

export const sgr = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
} as const;

export type SgrName = Exclude<keyof typeof sgr, 'reset'>;

/** `text` wrapped in the given styles and a reset. */
export function styled(text: string, ...styles: SgrName[]): string {
  return styles.map((s) => sgr[s]).join('') + text + sgr.reset;
}

/** Removes SGR sequences, for measuring and for tests. */
export function stripSgr(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
