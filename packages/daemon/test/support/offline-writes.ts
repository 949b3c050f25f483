// Changes made to a stopped daemon's database through the write path (log store and
// committer), for fixtures the API under test cannot create itself.
import type { WriteOp } from '../../src/storage/index.js';
import { readGroup, updateGroupOp, withMember } from '../../src/pools/group/index.js';
import { insertUserOp, newUser } from '../../src/pools/user/index.js';
import { LogStore, SoloCommitter } from '../../src/write-path/index.js';
import { openRootDatabase } from './daemon-backends.js';
import type { DaemonRoot } from './daemon-root.js';

export async function commitOffline(
  root: DaemonRoot,
  ops: readonly WriteOp[],
  { federated }: { federated: boolean },
): Promise<void> {
  const db = await openRootDatabase(root);
  try {
    const log = await LogStore.open(db, { clock: Date.now });
    await new SoloCommitter({ log, federation: 'STANDALONE' }).commit(ops, { federated });
  } finally {
    await db.close();
  }
}

/** A core-driver user in group `gid` (a member of it), with the pool's last id raised to `id`. */
export async function addUserOffline(
  root: DaemonRoot,
  u: { id: number; name: string; password: string; gid: number },
): Promise<void> {
  const db = await openRootDatabase(root);
  let group;
  try {
    group = (await readGroup(db, u.gid))!;
  } finally {
    await db.close();
  }
  const user = newUser({
    id: u.id,
    name: u.name,
    password: u.password,
    driver: 'core',
    gid: u.gid,
    gname: group.name,
    groups: [u.gid],
    tokenPassword: '0'.repeat(64),
  });
  await commitOffline(
    root,
    [
      insertUserOp(user),
      updateGroupOp(withMember(group, u.id, true)),
      {
        op: 'replace',
        table: 'pool_control',
        row: { tablename: 'user_pool', last_oid: BigInt(u.id) },
      },
    ],
    { federated: true },
  );
}
