import type { IOStreams } from '../io/index.js';
import type { TableOptions } from '../table/index.js';
import { expandAll } from './flags.js';

/** The values oclif parses from `listFlags`. */
export interface ListFlagValues {
  list?: string[];
  filter?: string[];
  operator?: string;
  csv?: boolean;
  'csv-del'?: string;
  'no-header'?: boolean;
  adjust?: string[];
  size?: string[];
  expand?: string[];
  'no-expand'?: boolean;
}

/** Table options from the list flags and what IOStreams knows about stdout. */
export function tableOptions(
  flags: ListFlagValues,
  io: Pick<IOStreams, 'colorEnabled' | 'terminalWidth'>,
): TableOptions {
  return {
    list: flags.list,
    filter: flags.filter,
    operator: flags.operator,
    csv: flags.csv,
    csvDelimiter: flags['csv-del'],
    noHeader: flags['no-header'],
    adjust: flags.adjust,
    size: flags.size,
    expand: flags.expand?.includes(expandAll) ? 'all' : flags.expand,
    noExpand: flags['no-expand'],
    color: io.colorEnabled(),
    terminalWidth: io.terminalWidth(),
  };
}
