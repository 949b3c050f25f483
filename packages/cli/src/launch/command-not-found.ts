import type { Hook } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import { explainUnknownCommand } from '../suggest/index.js';

/**
 * oclif calls this when argv names no command and no topic. It fails with the closest
 * command (edit distance over the executable's command ids) as a suggestion; the launcher
 * prints the error on stderr and exits 1.
 */
const commandNotFound: Hook<'command_not_found'> = async function ({ id, config }) {
  const words = id.split(':');
  const help = `see "${config.bin} --help"`;
  if (words[0]!.startsWith('-')) {
    throw new OneKitError('FLAG_INVALID', `unknown flag "${words[0]}"; ${help}`, {
      field: words[0],
    });
  }
  const ids = config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', ' '));
  const found = explainUnknownCommand(words, ids);
  if (found.kind === 'extra-arguments') {
    const extra = found.extra.map((w) => `"${w}"`).join(', ');
    throw new OneKitError(
      'FLAG_INVALID',
      `"${config.bin} ${found.command}" takes no argument ${extra}; ${help}`,
      {
        field: found.extra[0],
      },
    );
  }
  const hint = found.suggestion
    ? `Did you mean "${config.bin} ${found.suggestion}"?`
    : `See "${config.bin} --help".`;
  throw new OneKitError('COMMAND_UNKNOWN', `unknown command "${found.typed}". ${hint}`, {
    field: found.typed,
  });
};

export default commandNotFound;
