import type { XmlObject } from '@onekit/core';
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

  private pool: Pool | undefined;
  private rows: Row[] = [];
  private listFlags: ListFlagValues = {};

  async run(): Promise<XmlObject | string> {
    const { flags } = await this.parse(OneListCommand);
    if (flags.describe) return describeColumns(this.table);
    const api = this.oneApi(flags);
    this.pool = await this.readPool(api);
    if (!flags.json && !flags.yaml && !flags.xml) {
      this.listFlags = flags;
      this.rows = await this.tableRows(this.pool, api);
    }
    return this.pool.document;
  }

  protected override renderText(result: XmlObject | string): string {
    if (typeof result === 'string') return result;
    return renderTable(this.rows, this.table, tableOptions(this.listFlags, this.io));
  }

  protected override renderXml(): string {
    return this.pool!.xml + '\n';
  }
}
