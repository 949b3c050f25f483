// The parts of a version 2 backup that follow the page image (see backup-format.ts): the
// facts, as JSON, and a fixed-size trailer that holds the lengths and the SHA-256. Pure
// functions over bytes; reading and writing files is image-backup.ts's and image-reader.ts's.
import {
  BACKUP_FORMAT,
  BACKUP_IMAGE_FORMAT_VERSION,
  backupError,
  isJsonObject,
  parseHeader,
  parseRowCounts,
  type BackupHeader,
} from './backup-format.js';

/** How every SQLite database file, and so every version 2 backup, begins. */
export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export const TRAILER_BYTES = 72;
const MAGIC = Buffer.from(BACKUP_FORMAT, 'latin1');
const SHA256_BYTES = 32;

/** The header facts of an image, and the rows of each OneKit table in it. */
export interface ImageFacts extends BackupHeader {
  readonly rows: Readonly<Record<string, number>>;
}

export interface ImageTrailer {
  /** Bytes of the page image, from the start of the file. */
  readonly imageBytes: number;
  /** Bytes of the facts, right after the image. */
  readonly factsBytes: number;
  /** SHA-256 (hex) of the image and the facts. */
  readonly sha256: string;
}

export function factsBytes(facts: ImageFacts): Buffer {
  const { rows, ...header } = facts;
  return Buffer.from(
    JSON.stringify({
      format: BACKUP_FORMAT,
      version: BACKUP_IMAGE_FORMAT_VERSION,
      ...header,
      rows,
    }),
  );
}

export function encodeTrailer(trailer: ImageTrailer): Buffer {
  const bytes = Buffer.alloc(TRAILER_BYTES);
  bytes.writeBigUInt64BE(BigInt(trailer.imageBytes), 0);
  bytes.writeBigUInt64BE(BigInt(trailer.factsBytes), 8);
  Buffer.from(trailer.sha256, 'hex').copy(bytes, 16);
  bytes.writeUInt32BE(BACKUP_IMAGE_FORMAT_VERSION, 16 + SHA256_BYTES);
  MAGIC.copy(bytes, TRAILER_BYTES - MAGIC.length);
  return bytes;
}

/**
 * The trailer of a file of `fileBytes` bytes, given its last TRAILER_BYTES bytes. Throws
 * DB_BACKUP (field "end") when it is missing or does not fit the file: a truncated file.
 */
export function decodeTrailer(
  bytes: Buffer,
  o: { readonly file: string; readonly fileBytes: number },
): ImageTrailer {
  const ref = { file: o.file };
  if (bytes.length < TRAILER_BYTES || !bytes.subarray(-MAGIC.length).equals(MAGIC)) {
    throw backupError(ref, 'the file is truncated: no trailer after the image', 'end');
  }
  const version = bytes.readUInt32BE(16 + SHA256_BYTES);
  if (version !== BACKUP_IMAGE_FORMAT_VERSION) {
    throw backupError(ref, `format version ${version} is not supported`, 'version');
  }
  const imageBytes = bytes.readBigUInt64BE(0);
  const facts = bytes.readBigUInt64BE(8);
  if (imageBytes + facts + BigInt(TRAILER_BYTES) !== BigInt(o.fileBytes)) {
    throw backupError(ref, 'the file is truncated or extended: its length does not match', 'end');
  }
  return {
    imageBytes: Number(imageBytes),
    factsBytes: Number(facts),
    sha256: bytes.subarray(16, 16 + SHA256_BYTES).toString('hex'),
  };
}

export function parseFacts(bytes: Buffer, file: string): ImageFacts {
  const ref = { file };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw backupError(ref, 'the facts are not JSON: the file is corrupted', 'facts');
  }
  const header = parseHeader(ref, json, BACKUP_IMAGE_FORMAT_VERSION);
  if (header.kind !== 'full' || header.backend !== 'sqlite') {
    throw backupError(ref, 'an image holds a full SQLite backup', 'kind');
  }
  const rows = isJsonObject(json) ? json.rows : undefined;
  if (!isJsonObject(rows)) throw backupError(ref, 'the row counts are missing', 'rows');
  return { ...header, rows: parseRowCounts(ref, rows) };
}
