// Reads a backup file (see backup-format.ts) of either version, checking as it goes. A text
// backup is read line by line: every line must parse, rows must fit the table they follow,
// and the end line must match the counts and the SHA-256 of everything before it; a file
// that stops early has no end line. A page image is checked by its trailer and SHA-256
// (image-reader.ts), then its rows are read from it. Errors are DB_BACKUP with the file,
// and the line in a text backup.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { OneKitError } from '@onekit/core';
import type { ColumnValue } from '../storage/index.js';
import {
  backupError,
  parseEnd,
  parseHeader,
  parseJsonLine,
  parseRow,
  parseTable,
  type BackupHeader,
  type BackupTable,
  type LineRef,
} from './backup-format.js';
import { isImageBackup, readImageSummary, verifyImage, visitImageRows } from './image-reader.js';

/** Told about each part of the file as it is read; may be async (e.g. to insert rows). */
export interface BackupVisitor {
  table?(table: BackupTable): void | Promise<void>;
  row?(table: BackupTable, values: ColumnValue[]): void | Promise<void>;
}

export interface BackupSummary {
  readonly file: string;
  /** The format version: 1 text, 2 page image. */
  readonly version: 1 | 2;
  readonly header: BackupHeader;
  readonly tables: readonly BackupTable[];
  readonly rows: Readonly<Record<string, number>>;
  readonly sha256: string;
  /** The number of the end line (text backups). */
  readonly endLine?: number;
  /** Where the rows of each table are (text backups), by table name. */
  readonly sections?: ReadonlyMap<string, TableSection>;
}

/** The row lines of one table of a text backup. */
export interface TableSection {
  /** The byte offset of its first row line. */
  readonly start: number;
  /** The byte offset just after its last row line. */
  readonly end: number;
  /** The line number of its first row line. */
  readonly firstLine: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

class BackupParser {
  private lineNo = 0;
  private readonly hash = createHash('sha256');
  private header: BackupHeader | undefined;
  private current: BackupTable | undefined;
  private readonly tables: BackupTable[] = [];
  private readonly counts = new Map<string, number>();
  private summary: BackupSummary | undefined;
  private readonly sections = new Map<string, TableSection>();
  private section: { name: string; start: number; firstLine: number } | undefined;

  constructor(
    private readonly file: string,
    private readonly visitor: BackupVisitor,
  ) {}

  /** One line without its newline, found at byte `offset` of the file. */
  line(bytes: Buffer, offset: number): void | Promise<void> {
    const ref: LineRef = { file: this.file, line: ++this.lineNo };
    if (this.summary) throw backupError(ref, 'data follows the end line', 'end');
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw backupError(ref, 'not UTF-8 text: the file is corrupted');
    }
    const json = parseJsonLine(ref, text);
    if (!this.header) {
      this.header = parseHeader(ref, json);
      return this.hashLine(bytes);
    }
    if (Array.isArray(json)) {
      const table = this.current;
      if (!table) throw backupError(ref, 'a row comes before any table line');
      const values = parseRow(ref, table.def, json);
      this.counts.set(table.def.name, this.counts.get(table.def.name)! + 1);
      this.hashLine(bytes);
      return this.visitor.row?.(table, values);
    }
    if (typeof json === 'object' && json !== null && 'end' in json) {
      this.endSection(offset);
      return this.end(ref, json);
    }
    if (typeof json === 'object' && json !== null && 'table' in json) {
      const table = parseTable(ref, json);
      if (this.counts.has(table.def.name)) {
        throw backupError(ref, `table ${table.def.name} comes twice`, 'table');
      }
      this.tables.push(table);
      this.counts.set(table.def.name, 0);
      this.current = table;
      this.endSection(offset);
      this.section = {
        name: table.def.name,
        start: offset + bytes.length + 1,
        firstLine: ref.line + 1,
      };
      this.hashLine(bytes);
      return this.visitor.table?.(table);
    }
    throw backupError(ref, 'not a line of a OneKit database backup');
  }

  private endSection(end: number): void {
    if (!this.section) return;
    const { name, ...section } = this.section;
    this.sections.set(name, { ...section, end });
    this.section = undefined;
  }

  private hashLine(bytes: Buffer): void {
    this.hash.update(bytes);
    this.hash.update('\n');
  }

  private end(ref: LineRef, json: Record<string, unknown>): void {
    const end = parseEnd(ref, json);
    const sha256 = this.hash.digest('hex');
    if (end.sha256 !== sha256) {
      throw backupError(ref, 'the checksum does not match: the file is corrupted', 'sha256');
    }
    const named = new Set([...Object.keys(end.rows), ...this.counts.keys()]);
    for (const table of named) {
      if (end.rows[table] !== this.counts.get(table)) {
        throw backupError(ref, `the row count of ${table} does not match`, `rows.${table}`);
      }
    }
    this.summary = {
      file: this.file,
      version: 1,
      header: this.header!,
      tables: this.tables,
      rows: end.rows,
      sha256,
      endLine: ref.line,
      sections: this.sections,
    };
  }

  /** The file ended: with a partial line (`partial`) or at a line end. */
  finish({ partial }: { partial: boolean }): BackupSummary {
    const ref = { file: this.file, line: this.lineNo + 1 };
    if (partial) throw backupError(ref, 'the file is truncated: its last line is cut', 'end');
    if (!this.header) throw backupError(ref, 'the file is empty', 'format');
    if (!this.summary) throw backupError(ref, 'the file is truncated: no end line', 'end');
    return this.summary;
  }
}

/** Checks a page image, then visits its rows when the visitor wants them. */
async function readImageBackup(file: string, visitor: BackupVisitor): Promise<BackupSummary> {
  const image = readImageSummary(file);
  await verifyImage(image);
  if (visitor.table || visitor.row) await visitImageRows(image, visitor);
  const { rows, ...header } = image.facts;
  return { file, version: 2, header, tables: image.tables, rows, sha256: image.trailer.sha256 };
}

/** Reads and checks the whole file, calling `visitor` on the way; resolves to its summary. */
export async function readBackup(
  file: string,
  visitor: BackupVisitor = {},
): Promise<BackupSummary> {
  if (isImageBackup(file)) return readImageBackup(file, visitor);
  const parser = new BackupParser(file, visitor);
  const { partial } = await forEachLine(file, {}, (line, offset) => parser.line(line, offset));
  return parser.finish({ partial });
}

/**
 * Calls `visit` with each line of `file` (between `start` and `end`, when given) and its
 * byte offset; resolves to whether the text ended with a partial line.
 */
async function forEachLine(
  file: string,
  range: { readonly start?: number; readonly end?: number },
  visit: (line: Buffer, offset: number) => void | Promise<void>,
): Promise<{ partial: boolean }> {
  let pending: Buffer[] = [];
  let position = range.start ?? 0;
  // A stream's end is inclusive.
  const chunks = createReadStream(file, {
    highWaterMark: 1 << 20,
    start: position,
    ...(range.end !== undefined && { end: range.end - 1 }),
  }) as AsyncIterable<Buffer>;
  try {
    for await (const chunk of chunks) {
      let start = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, newline);
        const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        start = newline + 1;
        const visited = visit(line, position);
        position += line.length + 1;
        if (visited) await visited;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (err) {
    // The file itself failed (permissions, I/O); checks and visitors report their own errors.
    if ((err as NodeJS.ErrnoException).syscall === undefined) throw err;
    throw new OneKitError('HOST_FILE', `cannot read ${file}`, { file }, { cause: err });
  }
  return { partial: pending.length > 0 };
}

/**
 * Reads the rows of one table of a text backup that readBackup has checked whole, straight
 * from where they are in the file: tables can be read at the same time this way.
 */
export async function readTableRows(
  summary: BackupSummary,
  table: BackupTable,
  row: (values: ColumnValue[]) => void | Promise<void>,
): Promise<void> {
  const section = summary.sections?.get(table.def.name);
  if (!section) throw backupError({ file: summary.file }, `no rows of ${table.def.name}`, 'table');
  if (section.start >= section.end) return;
  let lineNo = section.firstLine;
  const range = { start: section.start, end: section.end };
  await forEachLine(summary.file, range, (bytes) => {
    const ref: LineRef = { file: summary.file, line: lineNo++ };
    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(bytes));
    } catch {
      throw backupError(ref, 'not a JSON line: the file changed since it was checked');
    }
    if (!Array.isArray(json)) throw backupError(ref, 'the file changed since it was checked');
    return row(parseRow(ref, table.def, json));
  });
}
