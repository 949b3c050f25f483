// Reading the small credential and endpoint files. Kept behind an interface so the
// resolvers are plain functions of (env, home, files) and tests can hand in a fixture.
import { readFileSync } from 'node:fs';
import { OneKitError, type ErrorCode } from '../errors/index.js';

export interface TextFiles {
  /** The file's text, or undefined when no regular file exists at `path`. */
  read(path: string): string | undefined;
}

/** The process environment, passed in by the executable that reads it. */
export type Environment = Readonly<Record<string, string | undefined>>;

const absent = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** Reads from the local file system; permission and I/O errors propagate. */
export const localTextFiles: TextFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if (absent.has((err as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw err;
    }
  },
};

/**
 * Reads through `files`, turning a read failure (not an absent file) into a OneKitError
 * with `code` that names the file.
 */
export function readIfPresent(files: TextFiles, path: string, code: ErrorCode): string | undefined {
  try {
    return files.read(path);
  } catch (err) {
    throw new OneKitError(code, `${path} cannot be read`, { file: path }, { cause: err });
  }
}
