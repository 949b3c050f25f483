import { OneKitError } from '@onekit/core';
import type { IOStreams } from '../io/index.js';
import type { Prompter } from './prompter.js';

type PromptLibrary = typeof import('@inquirer/prompts');

/**
 * The Prompter people meet: @inquirer/prompts reading stdin and drawing on stderr, so that
 * stdout carries only the command's output. The library is loaded on the first question.
 * Ctrl-C while a question is open becomes a CANCELLED error (exit status 2).
 */
export function inquirerPrompter(io: Pick<IOStreams, 'stdin' | 'stderr'>): Prompter {
  let library: Promise<PromptLibrary> | undefined;
  const context = { input: io.stdin, output: io.stderr };
  const ask = async <T>(question: (prompts: PromptLibrary) => Promise<T>): Promise<T> => {
    library ??= import('@inquirer/prompts');
    try {
      return await question(await library);
    } catch (err) {
      if (isInterruption(err)) throw new OneKitError('CANCELLED', 'cancelled', {}, { cause: err });
      throw err;
    }
  };
  return {
    input: (message, options = {}) =>
      ask((p) =>
        p.input({ message, default: options.default, validate: options.validate }, context),
      ),
    password: (message) => ask((p) => p.password({ message, mask: true }, context)),
    confirm: (message, options = {}) =>
      ask((p) => p.confirm({ message, default: options.default }, context)),
    select: (message, choices, options = {}) =>
      ask((p) => p.select({ message, choices: [...choices], default: options.default }, context)),
  };
}

function isInterruption(err: unknown): boolean {
  const name = (err as { name?: unknown } | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}
