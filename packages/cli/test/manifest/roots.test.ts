import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { executables } from '../../src/executables/index.js';
import {
  commandSourcesDir,
  computeManifest,
  rootDir,
  rootPackage,
} from '../../src/manifest/index.js';
import { cliDir } from '../process/run-bin.js';

// The built roots must match the sources: a command added, renamed or changed since the
// last `npm run build` fails here instead of silently missing from help and man pages.

const stale = (name: string) =>
  `dist/roots/${name} is stale: run \`npm run build\` at the repository root`;

/** Command ids as oclif derives them from file paths: a/b.ts → a:b, a/index.ts → a. */
function sourceCommandIds(dir: string): string[] {
  const ids: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) {
        ids.push(
          relative(dir, path)
            .replace(/\.ts$/, '')
            .replace(/(^|\/)index$/, '')
            .split('/')
            .join(':'),
        );
      }
    }
  };
  try {
    walk(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return ids.sort();
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

describe('manifest/roots', () => {
  const cliPackage = readJson(join(cliDir, 'package.json')) as {
    version: string;
    dependencies: Record<string, string>;
  };

  for (const executable of executables) {
    describe(executable.name, () => {
      const dir = rootDir(cliDir, executable.name);

      it('has one command in the manifest per command source', () => {
        const manifest = readJson(join(dir, 'oclif.manifest.json')) as {
          commands: Record<string, unknown>;
        };
        assert.deepEqual(
          Object.keys(manifest.commands).sort(),
          sourceCommandIds(commandSourcesDir(cliDir, executable.name)),
          stale(executable.name),
        );
      });

      it('has the manifest the compiled commands give today', async () => {
        assert.deepEqual(
          readJson(join(dir, 'oclif.manifest.json')),
          JSON.parse(JSON.stringify(await computeManifest(dir))),
          stale(executable.name),
        );
      });

      it('has the package.json the executables table gives today', () => {
        assert.deepEqual(
          readJson(join(dir, 'package.json')),
          rootPackage(executable, cliPackage),
          stale(executable.name),
        );
      });
    });
  }

  it('lists a bin script for every executable and nothing else', () => {
    const bin = (readJson(join(cliDir, 'package.json')) as { bin: Record<string, string> }).bin;
    assert.deepEqual(bin, Object.fromEntries(executables.map((e) => [e.name, `bin/${e.name}.js`])));
    for (const file of Object.values(bin))
      assert.match(readFileSync(join(cliDir, file), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });
});
