import { OneKitError } from '@onekit/core';
import { charLength, defaultColumnSize, type TableColumn } from './column.js';

/** The final width of a shown column and whether longer values are cut. */
export interface CellLayout {
  size: number;
  left: boolean;
  truncate: boolean;
}

export interface LayoutOptions {
  /** --adjust: columns widened to their longest value. */
  adjust?: readonly string[];
  /** --size: `COLUMN=N` entries. */
  size?: readonly string[];
  /** --expand: 'all', or `COLUMN` / `COLUMN=fraction` entries. */
  expand?: 'all' | readonly string[];
  /** --no-expand: not even the columns declared expandable. */
  noExpand?: boolean;
  /** Width of the terminal; expansion happens only on a terminal. */
  terminalWidth?: number;
}

/**
 * Widths of the shown columns, in OpenNebula's order of rules: adjust (unless expanding all
 * columns), then explicit sizes, then expansion into the spare terminal width.
 */
export function layoutColumns<Row>(
  shown: readonly TableColumn<Row>[],
  values: ReadonlyMap<string, readonly string[]>,
  options: LayoutOptions,
): Map<string, CellLayout> {
  const layout = new Map<string, CellLayout>(
    shown.map((c) => [
      c.name,
      { size: c.size ?? defaultColumnSize, left: c.left === true, truncate: c.adjust !== true },
    ]),
  );
  const cell = (name: string, field: string): CellLayout => {
    const found = layout.get(name.toUpperCase());
    if (!found)
      throw new OneKitError('FLAG_INVALID', `column ${JSON.stringify(name)} is not shown`, {
        field,
      });
    return found;
  };

  if (options.expand !== 'all') {
    const adjusted = [
      ...(options.adjust ?? []),
      ...shown.filter((c) => c.adjust).map((c) => c.name),
    ];
    for (const name of adjusted) {
      const target = cell(name, 'adjust');
      const widest = Math.max(0, ...(values.get(name.toUpperCase()) ?? []).map(charLength));
      if (widest > target.size) Object.assign(target, { size: widest, truncate: false });
    }
  }

  for (const entry of options.size ?? []) {
    const [name, width] = entry.split('=');
    const size = Number(width);
    if (!name || !Number.isInteger(size) || size < 0) {
      throw new OneKitError('FLAG_INVALID', `size ${JSON.stringify(entry)} is not COLUMN=N`, {
        field: 'size',
      });
    }
    Object.assign(cell(name, 'size'), { size, truncate: true });
  }

  if (!options.noExpand && options.terminalWidth !== undefined) {
    const requested =
      options.expand === 'all' ? shown.map((c) => c.name) : [...(options.expand ?? [])];
    const declared = shown
      .filter((c) => c.expand)
      .map((c) => (typeof c.expand === 'number' ? `${c.name}=${c.expand}` : c.name));
    const targets = expansionTargets([...requested, ...declared], cell);
    expand(layout, targets, { width: options.terminalWidth, all: options.expand === 'all' });
  }
  return layout;
}

interface ExpansionTarget {
  cell: CellLayout;
  share?: number;
}

function expansionTargets(
  entries: readonly string[],
  cell: (name: string, field: string) => CellLayout,
): ExpansionTarget[] {
  const seen = new Set<CellLayout>();
  const targets: ExpansionTarget[] = [];
  for (const entry of entries) {
    const [name, share] = entry.split('=');
    const target = cell(name ?? '', 'expand');
    if (seen.has(target)) continue;
    seen.add(target);
    if (share !== undefined && !(Number(share) >= 0)) {
      throw new OneKitError(
        'FLAG_INVALID',
        `expand ${JSON.stringify(entry)} is not COLUMN=fraction`,
        { field: 'expand' },
      );
    }
    targets.push(share === undefined ? { cell: target } : { cell: target, share: Number(share) });
  }
  return targets;
}

/**
 * Shares the spare width among the targets (by the given fraction, else in proportion to
 * their sizes), gives what rounding leaves to the last one, and trims the last one if
 * rounding overshot, so that the row fills the terminal exactly.
 */
function expand(
  layout: Map<string, CellLayout>,
  targets: ExpansionTarget[],
  o: { width: number; all: boolean },
): void {
  if (targets.length === 0) return;
  const cells = [...layout.values()];
  const available = o.width - (cells.length - 1);
  const total = sum(cells.map((c) => c.size));
  const targetsTotal = sum(targets.map((t) => t.cell.size));
  const spare = available - total;
  if (spare <= 0) return;
  let remaining = spare;
  for (const t of targets) {
    const share = o.all ? t.cell.size / total : (t.share ?? t.cell.size / targetsTotal);
    const extra = Math.round(spare * share);
    t.cell.size += extra;
    t.cell.truncate = true;
    remaining -= extra;
  }
  const last = targets[targets.length - 1]!.cell;
  if (remaining > 0) last.size += remaining;
  const overshoot = sum(cells.map((c) => c.size)) - available;
  if (overshoot > 0) last.size -= overshoot;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
