import type { Command, Interfaces } from '@oclif/core';
import { exitCodes } from '@onekit/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commonEnvironment, executables } from '../executables/index.js';
import { rootDir } from '../manifest/index.js';
import { manFiles } from './files.js';
import type { ManPageInput } from './man-page.js';

// Each exit status in exit-codes.ts must be described here: the type makes a new status
// without a description a compile error.
const exitStatusDescriptions: Record<keyof typeof exitCodes, string> = {
  OK: 'The command did what was asked.',
  ERROR: 'The command failed: invalid flags or arguments, an unknown command, a file that does not parse, a server that cannot be reached.',
  CANCELLED: 'A confirmation was declined or a question was interrupted.',
  ONE_ERROR: 'The OpenNebula API refused the call (upstream commands exit with -1).',
};

/** What every man page shows, read from the built roots under dist/roots. */
export async function manPageInputs(cliDir: string): Promise<ManPageInput[]> {
  const exitStatuses = (Object.keys(exitCodes) as (keyof typeof exitCodes)[]).map((key) => ({
    status: exitCodes[key],
    description: exitStatusDescriptions[key],
  }));
  return Promise.all(
    executables.map(async (executable) => {
      const dir = rootDir(cliDir, executable.name);
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string };
      const manifest = JSON.parse(await readFile(join(dir, 'oclif.manifest.json'), 'utf8')) as Interfaces.Manifest;
      const commands: Command.Cached[] = Object.values(manifest.commands)
        .filter((c) => !c.hidden)
        .sort((a, b) => a.id.localeCompare(b.id));
      return {
        executable,
        version: pkg.version,
        commands,
        exitStatuses,
        environment: [...executable.environment, ...commonEnvironment],
        files: manFiles(executable.name),
        seeAlso: executables.map((e) => e.name).filter((name) => name !== executable.name),
      };
    }),
  );
}
