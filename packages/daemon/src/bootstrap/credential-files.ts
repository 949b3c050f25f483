// The service credential files of a new installation: `serveradmin:<secret>` in each of
// the `.one` directory's *_auth files, created 0600. As oned, a bootstrap refuses to run
// when one of them exists already: it means the database configuration points at a new,
// empty database while the installation has been bootstrapped before.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { OneKitError } from '@onekit/core';

export function refuseExistingCredentialFiles(files: readonly string[]): void {
  for (const file of files) {
    if (existsSync(file)) {
      throw new OneKitError(
        'DAEMON_START',
        `Password file ${file} already exists but the database is being bootstrapped. ` +
          'Check the database configuration in oned.conf.',
        { file },
      );
    }
  }
}

export interface WrittenFiles {
  /** Removes the files again (the bootstrap that needed them failed). */
  remove(): void;
}

/** Creates every file exclusively with `content`; on any failure removes those it made. */
export function writeCredentialFiles(o: {
  directory: string;
  files: readonly string[];
  content: string;
}): WrittenFiles {
  mkdirSync(o.directory, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const remove = (): void => {
    for (const file of written.splice(0)) unlinkSync(file);
  };
  try {
    for (const file of o.files) {
      const fd = openSync(file, 'wx', 0o600);
      written.push(file);
      try {
        writeSync(fd, o.content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    remove();
    throw new OneKitError(
      'DAEMON_START',
      `cannot create the service credential files in ${o.directory}`,
      { file: o.directory },
      { cause: err },
    );
  }
  return { remove };
}
