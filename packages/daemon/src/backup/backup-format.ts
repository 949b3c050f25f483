// OneKit's database backup format, in two versions. Both tell a truncated or corrupted file
// apart from a good one and carry the same header facts: kind, backend, the shared and local
// schema versions, when it was taken and, at the end, the rows of each table.
//
// Version 1: backend-neutral UTF-8 text, one JSON document per line, every line ended by
// "\n", so that a backup taken on one backend restores into the other. Written for MySQL
// databases and for federated backups of either backend.
//
//   line 1      header: {"format":"onekit-db-backup","version":1,"kind":"full"|"federated",
//               "backend":"sqlite"|"mysql","shared":"7.6.0"|null,"local":"7.6.0"|null,
//               "created":"<ISO 8601 time>"}      (shared/local: the schema versions, null
//               when that part was never bootstrapped)
//   per table   a table line: {"table":"<name>","part":"all"|"federated","scope":"federated"|
//               "local"|"log","columns":[{"name":..,"type":..}],"primaryKey":[..],
//               "unique":[[..]],"indexes":[{"name":..,"columns":[..]}]}
//               then one row line per row: a JSON array of the values in column order.
//               Strings, finite numbers and null are plain JSON; a 64-bit integer (a BIGINT
//               column) is {"int":"<decimal>"}. part "federated" means the table holds only
//               its federated rows (see federated-rows.ts).
//   last line   {"end":{"rows":{"<table>":<count>,...},"sha256":"<hex>"}}: the rows of each
//               table and the SHA-256 of every byte before this line.
//
// Version 2: a page image, for full backups of SQLite databases. Copying pages is several
// times faster than writing rows as text, and restoring is a file copy instead of a load.
//
//   image       the database file of one consistent snapshot, page for page, starting with
//               SQLite's own header ("SQLite format 3\0"), marked as a rollback-journal
//               database (header bytes 18-19 are 1) so that it opens without a WAL
//   facts       UTF-8 JSON: {"format":"onekit-db-backup","version":2,"kind":"full",
//               "backend":"sqlite","shared":..,"local":..,"created":..,"rows":{"<table>":
//               <count>,...}}: the header of version 1 plus the rows of each OneKit table
//               in the snapshot
//   trailer     72 bytes (image-trailer.ts): the image length and the facts length (64-bit
//               big-endian), the SHA-256 of the image and the facts (32 bytes), the format
//               version (32-bit, 2), 4 zero bytes, and "onekit-db-backup"
//
// A reader tells the versions apart by the first bytes ("{" or SQLite's header); a file that
// stops early has no trailer (version 2) or no end line (version 1).
import { OneKitError } from '@onekit/core';
import type { Backend, ColumnValue, TableDef, TableScope } from '../storage/index.js';

export const BACKUP_FORMAT = 'onekit-db-backup';
/** The version of the text format (version 1). */
export const BACKUP_FORMAT_VERSION = 1;
/** The version of the page image format. */
export const BACKUP_IMAGE_FORMAT_VERSION = 2;

/** A full backup holds every table; a federated one the federated tables and rows only. */
export type BackupKind = 'full' | 'federated';

/** Which rows of a table a backup holds. */
export type TablePart = 'all' | 'federated';

export interface BackupHeader {
  readonly kind: BackupKind;
  readonly backend: Backend;
  /** db_versioning's version; null when the federated tables were never bootstrapped. */
  readonly shared: string | null;
  /** local_db_versioning's version; null when the local tables were never bootstrapped. */
  readonly local: string | null;
  readonly created: string;
}

export interface BackupTable {
  readonly def: TableDef;
  readonly part: TablePart;
}

export interface BackupEnd {
  readonly rows: Readonly<Record<string, number>>;
  readonly sha256: string;
}

/** A line of the file without its newline. */
export function headerLine(header: BackupHeader): string {
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, ...header });
}

export function tableLine({ def, part }: BackupTable): string {
  return JSON.stringify({
    table: def.name,
    part,
    scope: def.scope,
    columns: def.columns,
    primaryKey: def.primaryKey,
    unique: def.unique,
    indexes: def.indexes,
  });
}

export function endLine(end: BackupEnd): string {
  return JSON.stringify({ end });
}

/** One value of a row line. */
export function valueJson(table: TableDef, i: number, value: ColumnValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `{"int":"${value.toString()}"}`;
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  const column = table.columns[i]?.name ?? String(i);
  throw new OneKitError('DB_BACKUP', `${table.name}.${column} holds a value of no SQL type`, {
    field: `${table.name}.${column}`,
  });
}

/**
 * A row line. Throws DB_BACKUP (field = table.column) for a value JSON cannot carry.
 * Built value by value: the whole backup goes through here, and JSON.stringify with a
 * replacer (for bigints) costs a call per value.
 */
export function rowLine(table: TableDef, values: readonly ColumnValue[]): string {
  let line = '[';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += valueJson(table, i, values[i]!);
  }
  return line + ']';
}

// ---- Parsing: every check names the line, so an error points at it. ----

/** Where a line came from, for errors. */
export interface LineRef {
  readonly file: string;
  readonly line: number;
}

/** Where in a backup something is wrong: a line of a text backup, or just the file. */
export interface BackupRef {
  readonly file: string;
  readonly line?: number;
}

export function backupError(ref: BackupRef, message: string, field?: string): OneKitError {
  const where = ref.line === undefined ? { file: ref.file } : { file: ref.file, line: ref.line };
  return new OneKitError('DB_BACKUP', message, field === undefined ? where : { ...where, field });
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const SQL_TYPE = /^[A-Za-z]+(\(\d{1,5}\))?( UNSIGNED)?$/;
const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;
const SCOPES: readonly TableScope[] = ['federated', 'local', 'log'];
const INTEGER = /^-?\d{1,20}$/;

type Json = Record<string, unknown>;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identifier(ref: LineRef, value: unknown, field: string): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw backupError(ref, `${field} is not an SQL identifier`, field);
  }
  return value;
}

function identifiers(ref: LineRef, value: unknown, field: string, known?: Set<string>): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw backupError(ref, `${field} is not a list of column names`, field);
  }
  return value.map((item) => {
    const name = identifier(ref, item, field);
    if (known && !known.has(name)) throw backupError(ref, `${field} names no column`, field);
    return name;
  });
}

function list(ref: LineRef, value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw backupError(ref, `${field} is not a list`, field);
  return value;
}

/** Parses one line as JSON, naming the line when it is not. */
export function parseJsonLine(ref: BackupRef, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw backupError(ref, 'not a JSON line: the file is corrupted');
  }
}

function version(ref: BackupRef, value: unknown, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !VERSION.test(value)) {
    throw backupError(ref, `${field} is not a version`, field);
  }
  return value;
}

/** The header of a version 1 file, or the header facts of an image (`formatVersion` 2). */
export function parseHeader(
  ref: BackupRef,
  json: unknown,
  formatVersion: number = BACKUP_FORMAT_VERSION,
): BackupHeader {
  if (!isJsonObject(json) || json.format !== BACKUP_FORMAT) {
    throw backupError(ref, 'not a OneKit database backup', 'format');
  }
  if (json.version !== formatVersion) {
    throw backupError(ref, `format version ${String(json.version)} is not supported`, 'version');
  }
  if (json.kind !== 'full' && json.kind !== 'federated') {
    throw backupError(ref, 'kind must be full or federated', 'kind');
  }
  if (json.backend !== 'sqlite' && json.backend !== 'mysql') {
    throw backupError(ref, 'backend must be sqlite or mysql', 'backend');
  }
  if (typeof json.created !== 'string') throw backupError(ref, 'created is missing', 'created');
  return {
    kind: json.kind,
    backend: json.backend,
    shared: version(ref, json.shared, 'shared'),
    local: version(ref, json.local, 'local'),
    created: json.created,
  };
}

/** A table line: identifiers and types are checked, since they become DDL on restore. */
export function parseTable(ref: LineRef, json: Json): BackupTable {
  const name = identifier(ref, json.table, 'table');
  if (json.part !== 'all' && json.part !== 'federated') {
    throw backupError(ref, 'part must be all or federated', 'part');
  }
  if (!SCOPES.includes(json.scope as TableScope)) {
    throw backupError(ref, 'scope must be federated, local or log', 'scope');
  }
  const columns = list(ref, json.columns, 'columns').map((column) => {
    if (!isJsonObject(column)) throw backupError(ref, 'a column is not an object', 'columns');
    const type = column.type;
    if (typeof type !== 'string' || !SQL_TYPE.test(type)) {
      throw backupError(ref, 'a column type is not an SQL type', 'columns');
    }
    return { name: identifier(ref, column.name, 'columns'), type };
  });
  if (columns.length === 0) throw backupError(ref, 'the table has no columns', 'columns');
  const known = new Set(columns.map((c) => c.name));
  if (known.size !== columns.length) throw backupError(ref, 'a column repeats', 'columns');
  const indexes = list(ref, json.indexes, 'indexes').map((index) => {
    if (!isJsonObject(index)) throw backupError(ref, 'an index is not an object', 'indexes');
    return {
      name: identifier(ref, index.name, 'indexes'),
      columns: identifiers(ref, index.columns, 'indexes', known),
    };
  });
  return {
    part: json.part,
    def: {
      name,
      scope: json.scope as TableScope,
      columns,
      primaryKey: identifiers(ref, json.primaryKey, 'primaryKey', known),
      unique: list(ref, json.unique, 'unique').map((u) => identifiers(ref, u, 'unique', known)),
      indexes,
    },
  };
}

/** A row line's values, decoded for the table it follows. */
export function parseRow(ref: LineRef, table: TableDef, json: unknown[]): ColumnValue[] {
  if (json.length !== table.columns.length) {
    throw backupError(
      ref,
      `${table.name} has ${table.columns.length} columns, the row ${json.length}`,
      table.name,
    );
  }
  return json.map((value, i) => {
    if (value === null || typeof value === 'string' || typeof value === 'number') return value;
    if (isJsonObject(value) && typeof value.int === 'string' && INTEGER.test(value.int)) {
      return BigInt(value.int);
    }
    throw backupError(ref, 'a value of no SQL type', `${table.name}.${table.columns[i]!.name}`);
  });
}

export function parseEnd(ref: LineRef, json: Json): BackupEnd {
  const end = json.end;
  if (!isJsonObject(end) || !isJsonObject(end.rows) || typeof end.sha256 !== 'string') {
    throw backupError(ref, 'the end line is malformed', 'end');
  }
  return { rows: parseRowCounts(ref, end.rows), sha256: end.sha256 };
}

/** The rows of each table: table names (checked, they become SQL) and counts. */
export function parseRowCounts(ref: BackupRef, json: Json): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const [table, count] of Object.entries(json)) {
    if (!IDENTIFIER.test(table)) throw backupError(ref, `${table} is not a table name`, 'rows');
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw backupError(ref, `the row count of ${table} is not a count`, `rows.${table}`);
    }
    rows[table] = count;
  }
  return rows;
}
