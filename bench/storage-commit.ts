// Commits per second of the standalone write path on SQLite and MariaDB, with 1 and 16
// concurrent callers: group commit (the default) against one entry per transaction
// (maxBatch 1), measured in the same run. Each configuration runs several times, alternated,
// and the median counts (fsync times vary a lot).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DbConfig, type WriteOp } from '../packages/daemon/src/storage/index.js';
import { LogStore, SoloCommitter } from '../packages/daemon/src/write-path/index.js';
import { startMariaDb } from '../test/support/mariadb.js';
import { fmt, median, type Figure } from './support/measure.js';
import { insertDocument } from '../packages/daemon/test/support/documents.js';

const COMMITS = 1000;
const RUNS = 5;
const BODY = `<DOCUMENT>${'<ATTRIBUTE><![CDATA[value]]></ATTRIBUTE>'.repeat(50)}</DOCUMENT>`;

const document = (oid: number): WriteOp => insertDocument(oid, { body: BODY });

/** Commits per second of COMMITS one-document commits by `callers` concurrent callers. */
async function commitRate(
  config: DbConfig,
  callers: number,
  maxBatch: number | undefined,
): Promise<number> {
  const db = await openDatabase(config);
  try {
    await db.createSchema();
    const log = await LogStore.open(db, { clock: Date.now });
    const committer = new SoloCommitter({ log, federation: 'STANDALONE', maxBatch });
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (next < COMMITS) await committer.commit([document(next++)], { federated: false });
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return COMMITS / seconds;
  } finally {
    await db.close();
  }
}

export async function storageCommit(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onekit-bench-commit-'));
  const mariadb = await startMariaDb();
  try {
    let databases = 0;
    // Every run gets a fresh, empty database.
    const backends: Record<string, () => DbConfig> = {
      SQLite: () => ({ backend: 'sqlite', file: path.join(dir, `commit${++databases}.db`) }),
      MariaDB: () => ({
        backend: 'mysql',
        server: mariadb.host,
        port: mariadb.port,
        user: mariadb.user,
        passwd: mariadb.password,
        dbName: `bench_commit_${++databases}`,
      }),
    };
    // Warm up the JIT and both servers once, so that the first figure is not paying for it.
    for (const config of Object.values(backends)) await commitRate(config(), 16, undefined);

    const figures: Figure[] = [];
    for (const [backend, config] of Object.entries(backends)) {
      for (const callers of [1, 16]) {
        const single: number[] = [];
        const grouped: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          single.push(await commitRate(config(), callers, 1));
          grouped.push(await commitRate(config(), callers, undefined));
        }
        figures.push({
          bench: 'storage-commit',
          case: `${backend} x${callers} (${COMMITS} commits of ${BODY.length} B)`,
          value: `group commit ${fmt.rate(median(grouped), 'commits/s')}`,
          baseline: `one entry per transaction ${fmt.rate(median(single), 'commits/s')}`,
          ratio: fmt.ratio(median(grouped) / median(single)),
        });
      }
    }
    return figures;
  } finally {
    await mariadb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
