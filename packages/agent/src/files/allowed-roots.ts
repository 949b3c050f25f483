// The directories an operation may touch, and the check every path goes through before
// any file is opened: absolute, no `..`, and inside a root once symbolic links in its
// directories are resolved. The leaf itself is not followed when it is replaced or
// removed (rename and unlink act on a link, not on what it points to); when it is read,
// where it points must be inside a root too.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { OneKitError } from '@onekit/core';

/**
 * - `directory`: a directory to list or to put backups in; the root itself is allowed and
 *   it may not exist yet.
 * - `entry`: a file to replace or remove, strictly below a root; its leaf is not followed.
 * - `read`: a file to read, strictly below a root; a link must point inside a root.
 */
export type PathUse = 'directory' | 'entry' | 'read';

function refuse(file: string, message: string): never {
  throw new OneKitError('PATH_REFUSED', `${file}: ${message}`, { file });
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
async function realPathOfNearest(p: string): Promise<string> {
  const missing: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch (err) {
      const parent = path.dirname(current);
      if (!isMissing(err) || parent === current) throw err;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

function isBelow(candidate: string, root: string, options: { orEqual: boolean }): boolean {
  if (candidate === root) return options.orEqual;
  return candidate.startsWith(root === '/' ? '/' : `${root}/`);
}

export class AllowedRoots {
  constructor(readonly roots: readonly string[]) {}

  /** The path an operation works on, once it is known to stay inside a root. */
  async resolve(file: string, use: PathUse): Promise<string> {
    if (!path.isAbsolute(file)) refuse(file, 'the path must be absolute');
    if (file.split('/').includes('..')) refuse(file, 'the path must not contain ".."');
    const normal = path.normalize(file).replace(/(.)\/+$/, '$1');
    const realRoots = await Promise.all(this.roots.map((root) => realPathOfNearest(root)));
    const inside = (candidate: string, orEqual: boolean) =>
      realRoots.some((root) => isBelow(candidate, root, { orEqual }));

    if (use === 'directory') {
      const real = await realPathOfNearest(normal);
      if (!inside(real, true)) refuse(file, 'the path is outside the allowed directories');
      return real;
    }
    const candidate = path.join(
      await realPathOfNearest(path.dirname(normal)),
      path.basename(normal),
    );
    if (!inside(candidate, false)) refuse(file, 'the path is outside the allowed directories');
    if (use === 'read') {
      const target = await realPathOfNearest(candidate);
      if (!inside(target, false)) {
        refuse(file, 'the path is a link that leads outside the allowed directories');
      }
    }
    return candidate;
  }
}
