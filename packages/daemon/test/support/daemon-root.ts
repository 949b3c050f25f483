// Process tests run the real `onekit-daemon` executable through the shared launcher
// (test/support/daemon.ts). This layer adds what a mocha run needs: the compiled code is
// rebuilt when a source is newer than its output, and an `after` hook kills the daemons and
// removes the roots a failed test left behind.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'mocha';
import {
  DaemonRoot as LaunchedRoot,
  removeLeftovers,
  type RootOptions,
} from '../../../../test/support/daemon.js';

export {
  DaemonProcess,
  freePort,
  randomLoopbackAddress,
  ONEADMIN_PASSWORD,
  type ConfChange,
  type RootOptions,
  type RunResult,
} from '../../../../test/support/daemon.js';

const repoDir = fileURLToPath(new URL('../../../../', import.meta.url));

after(removeLeftovers);

function newestSourceIsEmitted(pkg: string): boolean {
  const src = join(repoDir, 'packages', pkg, 'src');
  const dist = join(repoDir, 'packages', pkg, 'dist');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  return walk(src).every((file) => {
    const out = join(dist, relative(src, file)).replace(/\.ts$/, '.js');
    try {
      return statSync(out).mtimeMs >= statSync(file).mtimeMs;
    } catch {
      return false;
    }
  });
}

let built = false;

/** The executable runs the compiled code: build it when a source is newer than its output. */
function ensureBuilt(): void {
  if (built) return;
  if (!newestSourceIsEmitted('core') || !newestSourceIsEmitted('daemon')) {
    // Other work may be changing sources at the same moment: a failed build is tried again once.
    const build = () =>
      spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: repoDir, encoding: 'utf8' });
    const first = build();
    const result = first.status === 0 ? first : build();
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  }
  built = true;
}

export type DaemonRoot = LaunchedRoot;

/** The launcher's roots, created once the compiled code is current. */
export const DaemonRoot = {
  create(options?: RootOptions): Promise<DaemonRoot> {
    ensureBuilt();
    return LaunchedRoot.create(options);
  },
};
