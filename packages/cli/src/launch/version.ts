import { readFileSync } from 'node:fs';

/** `-V`/`--version` anywhere before `--`, as every OpenNebula command accepts it. */
export function wantsVersion(argv: readonly string[]): boolean {
  for (const token of argv) {
    if (token === '--') return false;
    if (token === '-V' || token === '--version') return true;
  }
  return false;
}

export function versionLine(name: string, version: string): string {
  return `${name} ${version} (OneKit)\n`;
}

/** The version of the cli package, read from its package.json (no oclif needed). */
export function cliVersion(cliDir: string): string {
  return (JSON.parse(readFileSync(`${cliDir}/package.json`, 'utf8')) as { version: string })
    .version;
}
