import type { XmlObject } from '@onekit/core';
import { styled } from '../io/index.js';
import type { OneApi } from '../rpc/index.js';
import { describeColumns, renderTable, type TableSpec } from '../table/index.js';
import { OneApiCommand } from './api-command.js';
import { documentFlags, listFlags } from './flags.js';
import { tableOptions, type ListFlagValues } from './list-options.js';

/** What a list command reads: the pool as a document (JSON, YAML) and as the server's XML. */
export interface ListedPool {
  document: XmlObject;
  xml: string;
}

/**
 * The base of `one<resource> list`: the list and document flags, `--describe`, the pool read
 * once, then a table, or the pool document as JSON, YAML or XML. A list command names its
 * table, how to read the pool and how to turn the pool into table rows.
 */
export abstract class OneListCommand<Pool extends ListedPool, Row> extends OneApiCommand<
  XmlObject | string
> {
  static override flags = { ...listFlags, ...documentFlags };

  protected abstract readonly table: TableSpec<Row>;
  protected abstract readPool(api: OneApi): Promise<Pool>;
  /** Asked only for table output: rows may take further calls. */
  protected abstract tableRows(pool: Pool, api: OneApi): Row[] | Promise<Row[]>;

  /**
   * Problems to print after the table, one `WARNING:` line each (text output without
   * --csv only, so documents and CSV stay as upstream prints them). None by default.
   */
  protected tableWarnings(_pool: Pool, _rows: readonly Row[], _api: OneApi): Promise<string[]> {
    return Promise.resolve([]);
  }

  private pool: Pool | undefined;
  private rows: Row[] = [];
  private warnings: string[] = [];
  private listFlags: ListFlagValues = {};

  async run(): Promise<XmlObject | string> {
    const { flags } = await this.parse(OneListCommand);
    if (flags.describe) return describeColumns(this.table);
    const api = this.oneApi(flags);
    this.pool = await this.readPool(api);
    if (!flags.json && !flags.yaml && !flags.xml) {
      this.listFlags = flags;
      this.rows = await this.tableRows(this.pool, api);
      if (!flags.csv) this.warnings = await this.tableWarnings(this.pool, this.rows, api);
    }
    return this.pool.document;
  }

  protected override renderText(result: XmlObject | string): string {
    if (typeof result === 'string') return result;
    const options = tableOptions(this.listFlags, this.io);
    const warnings = this.warnings.map((w) => {
      const line = `WARNING: ${w}`;
      return (options.color ? styled(line, 'yellow') : line) + '\n';
    });
    return renderTable(this.rows, this.table, options) + warnings.join('');
  }

  protected override renderXml(): string {
    return this.pool!.xml + '\n';
  }
}
