import { closestMatch } from './closest.js';

/** Why the words typed after the executable name are not a command. */
export type UnknownCommand =
  | { kind: 'extra-arguments'; command: string; extra: string[] }
  | { kind: 'unknown'; typed: string; suggestion?: string };

/**
 * oclif hands over every word before the first flag as the command id, arguments included
 * (`templat x.tmpl`). The longest leading words that are a command mean the rest are
 * arguments it does not take; otherwise the longest leading words close to a command get
 * it as the suggestion; otherwise the first word is the unknown command.
 */
export function explainUnknownCommand(
  words: readonly string[],
  commandIds: readonly string[],
): UnknownCommand {
  for (let n = words.length; n > 0; n--) {
    const typed = words.slice(0, n).join(' ');
    if (commandIds.includes(typed))
      return { kind: 'extra-arguments', command: typed, extra: words.slice(n) };
  }
  for (let n = words.length; n > 0; n--) {
    const typed = words.slice(0, n).join(' ');
    const suggestion = closestMatch(typed, commandIds);
    if (suggestion) return { kind: 'unknown', typed, suggestion };
  }
  return { kind: 'unknown', typed: words[0] ?? '' };
}
