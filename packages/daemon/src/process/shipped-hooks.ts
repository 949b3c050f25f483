// The hook scripts OneKit ships (share/hooks, e.g. raft/vip.sh) are put under the hooks
// directory of the installation when they are missing there, as OpenNebula's installer puts
// its own: a relative RAFT_LEADER_HOOK COMMAND such as "raft/vip.sh" then finds them. A file
// already there is the operator's and is never replaced.
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SHIPPED = fileURLToPath(new URL('../../share/hooks', import.meta.url));

/** Copies each shipped hook missing from `hooksDir`; resolves to the files it created. */
export async function installShippedHooks(hooksDir: string, from = SHIPPED): Promise<string[]> {
  const created: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(path.join(from, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        await walk(name);
        continue;
      }
      const target = path.join(hooksDir, name);
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await copyFile(path.join(from, name), target, constants.COPYFILE_EXCL);
        created.push(target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  };
  await walk('');
  return created;
}
