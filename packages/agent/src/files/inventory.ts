// The file inventory of a host: every regular file under a root with its size, mode, owner
// and SHA-256, the input of serversync's comparison. Symbolic links are reported, never
// followed, so a link cannot lead the inventory out of its root.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

export interface FileEntry {
  /** Path relative to the root, with `/` separators. */
  path: string;
  kind: 'file' | 'symlink';
  size: number;
  /** Permission bits, e.g. 0o640. */
  mode: number;
  uid: number;
  gid: number;
  /** Hex SHA-256 of the content; for a link, of its target text. */
  sha256: string;
  /** Where a symbolic link points, as written. */
  target?: string;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Lists every file below `root`, sorted by path. Directories are walked, not listed. */
export async function listFiles(root: string): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      const st = await lstat(full);
      const common = { path: rel, size: st.size, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      if (st.isDirectory()) await walk(full);
      else if (st.isSymbolicLink()) {
        const target = await readlink(full);
        const sha256 = createHash('sha256').update(target).digest('hex');
        entries.push({ ...common, kind: 'symlink', sha256, target });
      } else if (st.isFile())
        entries.push({ ...common, kind: 'file', sha256: await sha256OfFile(full) });
    }
  };
  await walk(root);
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
