import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { executables } from '../executables/index.js';
import { computeManifest } from './compute.js';
import { commandsDir, rootDir } from './layout.js';
import { rootPackage } from './root-package.js';

/**
 * Writes dist/roots/<name>/{package.json,oclif.manifest.json} for every executable, after
 * the TypeScript build. The version is the cli package's.
 */
export async function writeRoots(cliDir: string): Promise<string[]> {
  const cli = JSON.parse(await readFile(join(cliDir, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const written: string[] = [];
  for (const executable of executables) {
    const dir = rootDir(cliDir, executable.name);
    await mkdir(dir, { recursive: true });
    // An executable may not have commands yet; oclif still wants the directory.
    await mkdir(commandsDir(cliDir, executable.name), { recursive: true });
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify(rootPackage(executable, cli), null, 2) + '\n',
    );
    const manifest = await computeManifest(dir);
    await writeFile(join(dir, 'oclif.manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    written.push(dir);
  }
  return written;
}
