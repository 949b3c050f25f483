import { readFile } from 'node:fs/promises';
import { OneKitError } from '@onekit/core';
import type { IOStreams } from './iostreams.js';

/** A file argument's text; `-` is standard input, named "(stdin)" in messages. */
export async function readInput(
  file: string,
  io: Pick<IOStreams, 'readStdin'>,
): Promise<{ name: string; text: string }> {
  if (file === '-') return { name: '(stdin)', text: await io.readStdin() };
  try {
    return { name: file, text: await readFile(file, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new OneKitError(
      'FLAG_INVALID',
      `cannot read ${file} (${code})`,
      { file },
      { cause: err },
    );
  }
}
