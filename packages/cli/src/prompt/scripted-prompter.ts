import type { Choice, InputOptions, Prompter } from './prompter.js';

export type ScriptedAnswer = string | boolean;

/** A question the script did not expect, or an answer that does not fit the question. */
export class PromptScriptError extends Error {
  override name = 'PromptScriptError';
}

export interface ScriptedPrompter extends Prompter {
  /** Every message asked, in order. */
  readonly asked: readonly string[];
  /** Fails when a scripted answer was never used. */
  verify(): void;
}

/**
 * A Prompter for tests, answering by question text. A message may map to a list of answers
 * for questions asked more than once. An unscripted question throws PromptScriptError.
 */
export function scriptedPrompter(
  script: Record<string, ScriptedAnswer | ScriptedAnswer[]>,
): ScriptedPrompter {
  const queues = new Map(
    Object.entries(script).map(([m, a]) => [m, Array.isArray(a) ? [...a] : [a]]),
  );
  const asked: string[] = [];

  const next = (message: string): ScriptedAnswer => {
    asked.push(message);
    const answer = queues.get(message)?.shift();
    if (answer === undefined)
      throw new PromptScriptError(`unexpected prompt: ${JSON.stringify(message)}`);
    return answer;
  };
  const text = (message: string): string => {
    const answer = next(message);
    if (typeof answer !== 'string')
      throw new PromptScriptError(`${JSON.stringify(message)} expects text`);
    return answer;
  };

  return {
    asked,
    async input(message: string, options: InputOptions = {}) {
      const answer = text(message);
      const verdict = options.validate?.(answer) ?? true;
      if (verdict !== true) throw new PromptScriptError(`${JSON.stringify(message)}: ${verdict}`);
      return answer;
    },
    async password(message: string) {
      return text(message);
    },
    async confirm(message: string) {
      const answer = next(message);
      if (typeof answer !== 'boolean')
        throw new PromptScriptError(`${JSON.stringify(message)} expects yes or no`);
      return answer;
    },
    async select<T extends string>(message: string, choices: readonly Choice<T>[]) {
      const answer = text(message);
      const choice = choices.find((c) => c.value === answer);
      if (!choice)
        throw new PromptScriptError(
          `${JSON.stringify(message)} has no choice ${JSON.stringify(answer)}`,
        );
      return choice.value;
    },
    verify() {
      const unused = [...queues]
        .filter(([, answers]) => answers.length > 0)
        .map(([m]) => JSON.stringify(m));
      if (unused.length > 0)
        throw new PromptScriptError(`scripted answers never asked for: ${unused.join(', ')}`);
    },
  };
}
