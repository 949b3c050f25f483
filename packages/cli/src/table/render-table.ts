import { OneKitError } from '@onekit/core';
import { styled } from '../io/index.js';
import { formatCell, type TableColumn, type TableSpec } from './column.js';
import { csvLine } from './csv.js';
import { parseFilters, parseLogicalOperator, passesFilters } from './filter.js';
import { layoutColumns, type LayoutOptions } from './layout.js';
import { stateColor } from './state-color.js';

/** What the list flags ask for, plus what IOStreams decided about the terminal. */
export interface TableOptions extends LayoutOptions {
  /** -l: the columns to show, in order. */
  list?: readonly string[];
  /** -f: COLUMN<op>VALUE expressions. */
  filter?: readonly string[];
  /** --operator: how filters combine, AND (default) or OR. */
  operator?: string;
  /** --csv, with --csv-del (default ","). */
  csv?: boolean;
  csvDelimiter?: string;
  /** --no-header. */
  noHeader?: boolean;
  /** Colour stdout: bold underlined header, coloured state words. */
  color: boolean;
}

/**
 * A list as OpenNebula's CLI prints it: each cell `%-Ns`/`%Ns` cut to its width, cells
 * joined by one space, trailing spaces removed; or CSV with every value whole.
 * Returns the text with a newline after every line.
 */
export function renderTable<Row>(
  rows: readonly Row[],
  spec: TableSpec<Row>,
  options: TableOptions,
): string {
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const shown = (options.list ?? spec.defaultColumns ?? spec.columns.map((c) => c.name)).map(
    (name) => {
      const column = byName.get(name.toUpperCase());
      if (!column)
        throw new OneKitError('FLAG_INVALID', `column ${JSON.stringify(name)} not defined`, {
          field: 'list',
        });
      return column;
    },
  );
  const filters = parseFilters(options.filter ?? [], [...byName.keys()]);
  const logical = parseLogicalOperator(options.operator);

  const cells = rows
    .map((row) => new Map(spec.columns.map((c) => [c.name, c.value(row)])))
    .filter((rowCells) => passesFilters(rowCells, filters, logical));

  if (options.csv) return renderCsv(shown, cells, options);

  const values = new Map(shown.map((c) => [c.name, cells.map((r) => r.get(c.name)!)]));
  const layout = layoutColumns(shown, values, options);
  const lines: string[] = [];
  if (!options.noHeader) {
    const header = shown.map((c) => formatCell(c.header ?? c.name, layout.get(c.name)!)).join(' ');
    // On a terminal the padding stays inside the underline, as upstream draws it.
    lines.push(options.color ? styled(header, 'bold', 'underline') : header.trimEnd());
  }
  for (const rowCells of cells) {
    const line = shown.map((c) => {
      const text = formatCell(rowCells.get(c.name)!, layout.get(c.name)!);
      return options.color && c.state ? colorState(text) : text;
    });
    lines.push(line.join(' ').trimEnd());
  }
  return lines.map((l) => l + '\n').join('');
}

function renderCsv<Row>(
  shown: readonly TableColumn<Row>[],
  cells: readonly Map<string, string>[],
  options: TableOptions,
): string {
  const delimiter = options.csvDelimiter ?? ',';
  const lines = options.noHeader
    ? []
    : [
        csvLine(
          shown.map((c) => c.header ?? c.name),
          delimiter,
        ),
      ];
  for (const rowCells of cells)
    lines.push(
      csvLine(
        shown.map((c) => rowCells.get(c.name)!),
        delimiter,
      ),
    );
  return lines.map((l) => l + '\n').join('');
}

/** Colours the word inside a padded cell, keeping the padding plain so it can be trimmed. */
function colorState(cell: string): string {
  const color = stateColor(cell);
  if (!color) return cell;
  const start = cell.length - cell.trimStart().length;
  const word = cell.trim();
  return cell.slice(0, start) + styled(word, color) + cell.slice(start + word.length);
}

/** --describe: every column with its description, `%-20s: %s`. */
export function describeColumns<Row>(spec: TableSpec<Row>): string {
  return spec.columns
    .map((c) => `${(c.header ?? c.name).padEnd(20)}: ${c.description}`.trimEnd() + '\n')
    .join('');
}
