import { OneKitError } from '@onekit/core';
import type { IOStreams } from '../io/index.js';
import type { Prompter } from './prompter.js';

/** The error for an input that has a flag but could not be asked for: names the flag. */
export function flagRequired(flag: string): OneKitError {
  return new OneKitError('FLAG_REQUIRED', `--${flag} is required when not running interactively`, {
    field: flag,
  });
}

export interface FlagOrPromptOptions<T> {
  /** The flag's value, if given. */
  value: T | undefined;
  /** The flag's long name, without dashes. */
  flag: string;
  io: Pick<IOStreams, 'canPrompt'>;
  ask: () => Promise<T>;
}

/** The flag's value; else the answer to a question when one can be asked; else FLAG_REQUIRED. */
export async function flagOrPrompt<T>(options: FlagOrPromptOptions<T>): Promise<T> {
  if (options.value !== undefined) return options.value;
  if (!options.io.canPrompt()) throw flagRequired(options.flag);
  return options.ask();
}

export interface ConfirmOptions {
  message: string;
  /** --yes (or the command's equivalent) was given. */
  yes: boolean;
  /** The flag that skips the question, without dashes. */
  flag?: string;
  io: Pick<IOStreams, 'canPrompt'>;
  prompter: Pick<Prompter, 'confirm'>;
}

/**
 * Goes on when --yes was given or the person agrees; a refusal is CANCELLED (exit status 2)
 * and a missing --yes without a terminal is FLAG_REQUIRED.
 */
export async function confirmOrCancel(options: ConfirmOptions): Promise<void> {
  if (options.yes) return;
  if (!options.io.canPrompt()) throw flagRequired(options.flag ?? 'yes');
  const agreed = await options.prompter.confirm(options.message, { default: false });
  if (!agreed) throw new OneKitError('CANCELLED', 'cancelled', { field: options.flag ?? 'yes' });
}
