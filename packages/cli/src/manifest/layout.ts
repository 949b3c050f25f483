import { join } from 'node:path';

// Where the generated oclif roots live. Each executable is its own oclif CLI: a directory
// with a package.json (its `oclif` section) and the oclif.manifest.json of its commands,
// which are the compiled modules under dist/commands/<name>.

/** dist/roots/<name>, relative to the cli package directory. */
export function rootDir(cliDir: string, name: string): string {
  return join(cliDir, 'dist', 'roots', name);
}

/** dist/commands/<name>: the compiled commands of one executable. */
export function commandsDir(cliDir: string, name: string): string {
  return join(cliDir, 'dist', 'commands', name);
}

/** src/commands/<name>: the command sources, one module per command. */
export function commandSourcesDir(cliDir: string, name: string): string {
  return join(cliDir, 'src', 'commands', name);
}

/** Paths inside a root's package.json are relative to the root directory. */
export const fromRoot = {
  commands: (name: string) => `../../commands/${name}`,
  commandNotFoundHook: '../../launch/command-not-found.js',
};
