// onedb reown's core on a real SQLite database: the import log's mapping moves local
// objects to their owners' new ids once (ids that trade places included), a second
// application changes nothing, and a malformed log is refused before anything changes. The
// identities of a backup file read as those of the live database.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { takeBackup, type DaemonCheck } from '../../src/backup/index.js';
import {
  identitiesOfBackup,
  parseImportLog,
  reownLocalObjects,
} from '../../src/import-slave/index.js';
import { readIdentities } from '../../src/import-slave/read-identities.js';
import { openDatabase, type DbConfig, type WriteOp } from '../../src/storage/index.js';
import { stoppedDaemon } from '../backup/seed.js';
import { healthyDatabase } from '../fsck/healthy-database.js';
import { backends } from '../storage/backends.js';

const sqlite = backends.find((b) => b.name === 'sqlite')!;

const template = (oid: number, uid: number, gid: number, uname: string): WriteOp => ({
  op: 'insert',
  table: 'template_pool',
  row: {
    oid,
    name: `t${oid}`,
    body: `<VMTEMPLATE><ID>${oid}</ID><UID>${uid}</UID><GID>${gid}</GID><UNAME>${uname}</UNAME><GNAME>g</GNAME></VMTEMPLATE>`,
    uid,
    gid,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});

async function write(db: DbConfig, ops: WriteOp[]): Promise<void> {
  const database = await openDatabase(db);
  try {
    await database.transaction(async (tx) => {
      for (const op of ops) await tx.run(op);
    });
  } finally {
    await database.close();
  }
}

async function owners(db: DbConfig): Promise<[number, number, string][]> {
  const database = await openDatabase(db);
  try {
    const rows = await database.query('SELECT uid, gid, body FROM template_pool ORDER BY oid');
    return rows.map((r) => [
      Number(r.uid),
      Number(r.gid),
      /<UNAME>([^<]*)</.exec(String(r.body))![1]!,
    ]);
  } finally {
    await database.close();
  }
}

const LOG = [
  '# onedb import-slave ...',
  'group 100 devs -> 101 devs (new)',
  'user 2 alice -> 3 alice-1 (renamed)',
  'user 3 bob -> 4 bob (new)',
  '',
].join('\n');

describe('import-slave/reown-local (onedb reown)', function () {
  this.timeout(30_000);
  let dir: string;
  let daemon: DaemonCheck;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-reown-'));
    daemon = await stoppedDaemon(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function zone(): Promise<DbConfig> {
    const db = await sqlite.freshConfig();
    await healthyDatabase(db);
    // healthyDatabase holds users 2 and 3 and group 100.
    await write(db, [template(0, 2, 100, 'alice'), template(1, 3, 1, 'bob')]);
    return db;
  }

  it('moves objects to the new ids once; the same log again changes nothing', async () => {
    const db = await zone();
    const logFile = join(dir, 'a.log');
    writeFileSync(logFile, LOG);
    const first = await reownLocalObjects({ db, logFile, daemon });
    assert.deepEqual([first.alreadyApplied, first.users, first.groups], [false, 2, 1]);
    assert.deepEqual(await owners(db), [
      [3, 101, 'alice-1'],
      [4, 1, 'bob'],
    ]);
    const again = await reownLocalObjects({ db, logFile, daemon });
    assert.deepEqual([again.alreadyApplied, again.localWrites], [true, 0]);
    assert.deepEqual(await owners(db), [
      [3, 101, 'alice-1'],
      [4, 1, 'bob'],
    ]);
  });

  it('refuses a malformed log with its file and line, changing nothing', async () => {
    const db = await zone();
    const logFile = join(dir, 'bad.log');
    writeFileSync(logFile, `${LOG}user 9 eve -> x eve (new)\n`);
    await assert.rejects(reownLocalObjects({ db, logFile, daemon }), {
      code: 'DB_COPY',
      where: { file: logFile, line: 5 },
    });
    assert.deepEqual(await owners(db), [
      [2, 100, 'alice'],
      [3, 1, 'bob'],
    ]);
    assert.throws(() => parseImportLog('user 2 a -> 3 a (new)\nuser 2 a -> 4 b (new)\n', 'f'), {
      code: 'DB_COPY',
      where: { file: 'f', line: 2 },
    });
  });

  it('reads the identities of a backup file as those of its database', async () => {
    const db = await zone();
    const file = join(dir, 'full.bck');
    await takeBackup({ db, file, force: false, kind: 'full', clock: () => new Date(0) });
    const database = await openDatabase(db);
    try {
      const live = await readIdentities(database, 'live');
      const saved = await identitiesOfBackup(file);
      assert.deepEqual(
        saved.users.map((u) => [u.id, u.name, u.password]),
        live.users.map((u) => [u.id, u.name, u.password]),
      );
      assert.deepEqual(
        saved.groups.map((g) => [g.id, g.name]),
        live.groups.map((g) => [g.id, g.name]),
      );
      assert.deepEqual(saved.acl, live.acl);
    } finally {
      await database.close();
    }
  });
});
