// The one place config loaders touch the disk: a missing file is CONFIG_MISSING, any
// other I/O error keeps its cause.
import { readFile } from 'node:fs/promises';
import { OneKitError } from '../errors/index.js';

export async function readConfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new OneKitError(
        'CONFIG_MISSING',
        `${path} does not exist`,
        { file: path },
        { cause: err },
      );
    }
    throw new OneKitError(
      'CONFIG_INVALID',
      `${path} cannot be read`,
      { file: path },
      { cause: err },
    );
  }
}
