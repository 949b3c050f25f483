// A table column as OpenNebula's CLI declares them: a name that is also its header, a
// width, an alignment, and how to read the cell from a row.

export interface TableColumn<Row> {
  /** Upper case; the header, and the name -l, -f, --adjust, --size and --expand use. */
  name: string;
  /** The header when it differs from the name (oneacl's `RES_VHNIUTGDCOZSvRMAPtB`). */
  header?: string;
  /** One line, printed by --describe. */
  description: string;
  /** Width in characters; 5 when not given (OpenNebula's default). */
  size?: number;
  /** Left aligned (`%-Ns`); columns are right aligned (`%Ns`) unless said otherwise. */
  left?: boolean;
  /** Widen to the longest value instead of truncating it. */
  adjust?: boolean;
  /** Take a share of a wider terminal: true (in proportion to size) or a fraction. */
  expand?: boolean | number;
  /** The value is a state word, coloured green/yellow/red on a terminal. */
  state?: boolean;
  value: (row: Row) => string;
}

export interface TableSpec<Row> {
  columns: readonly TableColumn<Row>[];
  /** Columns shown without -l, in order; all of them when absent. */
  defaultColumns?: readonly string[];
}

export const defaultColumnSize = 5;

/** Characters as a person counts them (code points), which is what widths measure. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * `%-N.Ns` / `%N.Ns`: padded to `size` on the right (left aligned) or on the left, and cut
 * to `size` characters unless `truncate` is false.
 */
export function formatCell(
  text: string,
  cell: { size: number; left: boolean; truncate: boolean },
): string {
  let value = text;
  if (cell.truncate && charLength(value) > cell.size)
    value = Array.from(value).slice(0, cell.size).join('');
  const padding = ' '.repeat(Math.max(0, cell.size - charLength(value)));
  return cell.left ? value + padding : padding + value;
}
