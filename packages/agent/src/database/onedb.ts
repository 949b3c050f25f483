// Database backups, restores and upgrades on a host go through its `onedb`, as an
// administrator would run it: `onedb backup [args]` reports where it stored the dump,
// `onedb restore -f [args] <file>` loads one, `onedb upgrade [args]` migrates the schema,
// `onedb reown <log>` gives local objects the new ids of their imported owners.
import { posix } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { CommandRunner } from '../exec/index.js';

export interface OnedbCommand {
  readonly command: string;
  /** Arguments put before the onedb subcommand (e.g. a script for an interpreter). */
  readonly args: readonly string[];
}

export interface OnedbOptions {
  readonly onedb: OnedbCommand;
  readonly runner: CommandRunner;
}

/** The file a backup run names: "... stored in <file>" (its SQLite and MySQL messages). */
export function backupFileOf(output: string): string | undefined {
  const match = /stored in (\/\S+)/.exec(output);
  return match?.[1];
}

async function onedb(o: OnedbOptions, args: readonly string[]): Promise<string> {
  const result = await o.runner(o.onedb.command, [...o.onedb.args, ...args]);
  if (result.exitCode !== 0) {
    // onedb says what is wrong on its first line (later lines say where).
    const reason = (result.stderr.trim() || result.stdout.trim()).split('\n')[0];
    throw new OneKitError(
      'HOST_COMMAND',
      `onedb ${args[0]} failed (exit status ${result.exitCode})${reason ? `: ${reason}` : ''}`,
      { field: `onedb ${args[0]}` },
    );
  }
  return result.stdout;
}

export async function backupDatabase(
  o: OnedbOptions,
  args: readonly string[],
): Promise<{ file: string }> {
  const output = await onedb(o, ['backup', ...args]);
  const file = backupFileOf(output);
  if (!file) {
    throw new OneKitError('HOST_COMMAND', 'onedb backup did not say where it stored the dump', {
      field: 'onedb backup',
    });
  }
  return { file };
}

export async function restoreDatabase(
  o: OnedbOptions,
  file: string,
  args: readonly string[],
): Promise<Record<string, never>> {
  if (!posix.isAbsolute(file)) {
    throw new OneKitError('PATH_REFUSED', `${file}: the backup file must be an absolute path`, {
      file,
    });
  }
  await onedb(o, ['restore', '-f', ...args, file]);
  return {};
}

/** `onedb upgrade [args]`: what it printed (its backup and its steps go to stderr). */
export async function upgradeDatabase(
  o: OnedbOptions,
  args: readonly string[],
): Promise<{ output: string }> {
  return { output: await onedb(o, ['upgrade', ...args]) };
}

/** `onedb reown <log>` (the daemon stopped): what it printed. */
export async function reownDatabase(o: OnedbOptions, log: string): Promise<{ output: string }> {
  if (!posix.isAbsolute(log)) {
    throw new OneKitError('PATH_REFUSED', `${log}: the import log must be an absolute path`, {
      file: log,
    });
  }
  return { output: await onedb(o, ['reown', log]) };
}
