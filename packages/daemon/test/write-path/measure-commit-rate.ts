// Commits per second of the standalone write path on each backend, with 1 and 16
// concurrent callers, with group commit (default) and without (maxBatch 1). A measurement,
// not a test: run it with
//   cd packages/daemon && node --import tsx test/write-path/measure-commit-rate.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startMariaDb } from '../../../../test/support/mariadb.js';
import { openDatabase, type DbConfig, type WriteOp } from '../../src/storage/index.js';
import { LogStore, SoloCommitter } from '../../src/write-path/index.js';

const COMMITS = 1000;
/** Runs of each configuration, alternated; the median is printed (fsync times vary a lot). */
const RUNS = 5;
const BODY = `<DOCUMENT>${'<ATTRIBUTE><![CDATA[value]]></ATTRIBUTE>'.repeat(50)}</DOCUMENT>`;

const document = (oid: number): WriteOp => ({
  op: 'insert',
  table: 'document_pool',
  row: {
    oid,
    name: `doc${oid}`,
    body: BODY,
    type: 100,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});

async function measure(
  config: DbConfig,
  callers: number,
  maxBatch: number | undefined,
): Promise<number> {
  const db = await openDatabase(config);
  await db.createSchema();
  const log = await LogStore.open(db, { clock: Date.now });
  const committer = new SoloCommitter({ log, federation: 'STANDALONE', maxBatch });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < COMMITS) await committer.commit([document(next++)], { federated: false });
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await db.close();
  return COMMITS / seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'onekit-measure-'));
const mariadb = await startMariaDb();
let run = 0;
const configs: Record<string, () => DbConfig> = {
  sqlite: () => ({ backend: 'sqlite', file: join(dir, `m${++run}.db`) }),
  mysql: () => ({
    backend: 'mysql',
    server: mariadb.host,
    port: mariadb.port,
    user: mariadb.user,
    passwd: mariadb.password,
    dbName: `measure_${++run}`,
  }),
};

// Warm up the JIT and both servers once, so that the first row is not paying for it.
for (const config of Object.values(configs)) await measure(config(), 16, undefined);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

console.log(
  `${COMMITS} commits of one ${BODY.length}-byte document each, median of ${RUNS} runs, commits/s`,
);
console.log('backend  callers  maxBatch=1  group commit  ratio');
for (const [backend, config] of Object.entries(configs)) {
  for (const callers of [1, 16]) {
    const serialRuns: number[] = [];
    const groupedRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      serialRuns.push(await measure(config(), callers, 1));
      groupedRuns.push(await measure(config(), callers, undefined));
    }
    const serial = median(serialRuns);
    const grouped = median(groupedRuns);
    console.log(
      `${backend.padEnd(8)} ${String(callers).padStart(7)}  ${serial.toFixed(0).padStart(10)}  ` +
        `${grouped.toFixed(0).padStart(12)}  ${(grouped / serial).toFixed(2).padStart(5)}`,
    );
  }
}
await mariadb.stop();
rmSync(dir, { recursive: true, force: true });
