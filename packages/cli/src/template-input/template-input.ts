import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OneKitError } from '@onekit/core';
import { readInput, type IOStreams } from '../io/index.js';

// Where `create` and `update` read a template from, in upstream's order: the file argument
// (`-` is standard input), else whatever is piped in, else (update, on a terminal) an
// editor opened on the current template.

/** Opens `file` in the user's editor and resolves when the editor exits. */
export type EditFile = (file: string) => Promise<void>;

export type TemplateInputIO = Pick<IOStreams, 'isStdinTTY' | 'readStdin' | 'canPrompt'>;

export interface CreateInputOptions {
  file: string | undefined;
  io: TemplateInputIO;
  /** `zone`, as the error names what is missing. */
  resource: string;
}

/** The template of a new object; TEMPLATE_MISSING (upstream's exit -1) when none is given. */
export async function createTemplateInput(options: CreateInputOptions): Promise<string> {
  const text = await fileOrPiped(options.file, options.io);
  if (text === undefined || text === '') {
    throw new OneKitError('TEMPLATE_MISSING', `No ${options.resource} template provided`, {
      field: 'file',
    });
  }
  return text;
}

export interface UpdateInputOptions {
  file: string | undefined;
  io: TemplateInputIO;
  /** The text the editor starts from (the current template; nothing when appending). */
  initial: () => Promise<string>;
  edit: EditFile;
}

/** The template for `update`; without a file or piped input it needs a terminal. */
export async function updateTemplateInput(options: UpdateInputOptions): Promise<string> {
  const text = await fileOrPiped(options.file, options.io);
  if (text !== undefined && text !== '') return text;
  if (!options.io.canPrompt()) {
    throw new OneKitError(
      'FLAG_REQUIRED',
      'give a template file (or pipe the template in) when not running interactively',
      { field: 'file' },
    );
  }
  return editText(await options.initial(), options.edit);
}

async function fileOrPiped(file: string | undefined, io: TemplateInputIO) {
  if (file !== undefined) return (await readInput(file, io)).text;
  if (!io.isStdinTTY()) return io.readStdin();
  return undefined;
}

/** Writes `initial` to a private temporary file, lets the editor change it, reads it back. */
export async function editText(initial: string, edit: EditFile): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onekit-edit-'));
  const file = join(dir, 'template');
  try {
    await writeFile(file, initial, { mode: 0o600 });
    await edit(file);
    return await readFile(file, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
