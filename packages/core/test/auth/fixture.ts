// A scratch installation: a temp dir holding a home directory and a self-contained
// ONE_LOCATION root, so the resolvers read real files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolvePaths, type OnePaths } from '../../src/paths/index.js';

export interface Scratch {
  root: string;
  home: string;
  paths: OnePaths;
  write(path: string, text: string): string;
  remove(): void;
}

export function scratch(): Scratch {
  const root = mkdtempSync(join(tmpdir(), 'onekit-auth-'));
  const home = join(root, 'home');
  mkdirSync(home);
  return {
    root,
    home,
    paths: resolvePaths({ oneLocation: join(root, 'one') }),
    write(path, text) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { mode: 0o600 });
      return path;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
