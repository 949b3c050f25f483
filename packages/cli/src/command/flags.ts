import { Flags } from '@oclif/core';

// Flags grouped by what a command needs. Every command has the output flags (OneCommand's
// base flags); API commands add `apiFlags`, list commands `listFlags`, commands that show an
// OpenNebula document `documentFlags`.

export const outputFlags = {
  json: Flags.boolean({
    char: 'j',
    description: 'Print the result as JSON.',
    helpGroup: 'OUTPUT',
  }),
  'no-color': Flags.boolean({
    description: 'Never colour the output (also: NO_COLOR set, TERM=dumb, not a terminal).',
    helpGroup: 'OUTPUT',
  }),
  verbose: Flags.boolean({
    char: 'v',
    description: 'Say what was done.',
    helpGroup: 'OUTPUT',
  }),
};

export const documentFlags = {
  xml: Flags.boolean({
    char: 'x',
    description: 'Print the document as XML.',
    exclusive: ['json', 'yaml'],
    helpGroup: 'OUTPUT',
  }),
  yaml: Flags.boolean({
    char: 'y',
    description: 'Print the result as YAML.',
    exclusive: ['json', 'xml'],
    helpGroup: 'OUTPUT',
  }),
};

export const apiFlags = {
  endpoint: Flags.string({
    description:
      'XML-RPC endpoint of oned. Default: ONE_XMLRPC, then ~/.one/one_endpoint, then the one_endpoint file of the service account, then http://localhost:2633/RPC2.',
    helpValue: 'URL',
    helpGroup: 'API',
  }),
  user: Flags.string({
    description:
      'User name. Default: the ONE_AUTH file (ONE_AUTH, ~/.one/one_auth, then the service account).',
    helpValue: 'NAME',
    helpGroup: 'API',
  }),
  password: Flags.string({
    description: 'Password of --user.',
    helpValue: 'PASSWORD',
    helpGroup: 'API',
  }),
};

/** Commands that work on a self-contained root (`onekit start`, `stop`, `daemon ...`). */
export const rootFlags = {
  location: Flags.string({
    description: 'The root directory (default ONE_LOCATION, else ./.onekit).',
    helpValue: 'DIR',
  }),
};

/** Marks a bare --expand (no value), which means every column. */
export const expandAll = '*';

export const listFlags = {
  list: Flags.string({
    char: 'l',
    description: 'Columns to show, in order.',
    helpValue: 'COL,COL',
    delimiter: ',',
    multiple: true,
    helpGroup: 'LIST',
  }),
  filter: Flags.string({
    char: 'f',
    description:
      'Show rows where COLUMN<op>VALUE holds; operators = != < <= > >= and ~ (contains).',
    helpValue: 'EXPR,EXPR',
    delimiter: ',',
    multiple: true,
    helpGroup: 'LIST',
  }),
  operator: Flags.string({
    description: 'How several filters combine: AND (default) or OR.',
    helpValue: 'AND|OR',
    helpGroup: 'LIST',
  }),
  csv: Flags.boolean({ description: 'Write the table as CSV.', helpGroup: 'LIST' }),
  'csv-del': Flags.string({
    description: 'CSV delimiter.',
    helpValue: 'CHAR',
    dependsOn: ['csv'],
    helpGroup: 'LIST',
  }),
  'no-header': Flags.boolean({ description: 'Do not print the header line.', helpGroup: 'LIST' }),
  adjust: Flags.string({
    description: 'Widen these columns to their longest value instead of cutting values.',
    helpValue: 'COL,COL',
    delimiter: ',',
    multiple: true,
    helpGroup: 'LIST',
  }),
  size: Flags.string({
    char: 's',
    description: 'Set column widths, e.g. --size name=20.',
    helpValue: 'COL=N,COL=N',
    delimiter: ',',
    multiple: true,
    helpGroup: 'LIST',
  }),
  expand: Flags.string({
    description:
      'Fill the terminal width: alone, with every column; or these columns, by share (name=0.4,group=0.6) or by size.',
    helpValue: '[COL=SHARE,COL]',
    delimiter: ',',
    multiple: true,
    helpGroup: 'LIST',
  }),
  'no-expand': Flags.boolean({ description: 'Never expand columns.', helpGroup: 'LIST' }),
  describe: Flags.boolean({ description: 'Describe the columns and exit.', helpGroup: 'LIST' }),
};

/**
 * oclif has no flags with an optional value; a bare --expand (last, or followed by another
 * flag) is rewritten to `--expand=*` before parsing.
 */
export function markBareExpand(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    out.push(
      token === '--expand' && (next === undefined || next.startsWith('-'))
        ? `--expand=${expandAll}`
        : token,
    );
  }
  return out;
}
