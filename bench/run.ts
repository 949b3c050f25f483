// `npm run bench [-- name...]`: runs the named benchmarks (all by default) and prints one
// table. Benchmarks are never part of the pass/fail test run.
import { cliStartup } from './cli-startup.js';
import { daemonApi } from './daemon-api.js';
import { federationLag } from './federation-lag.js';
import { labBench } from './lab.js';
import { onedbBackup } from './onedb-backup.js';
import { serverSync } from './serversync.js';
import { raftZone } from './raft-zone.js';
import { printTable, type Figure } from './support/measure.js';
import { storageCommit } from './storage-commit.js';
import { templateParse } from './template-parse.js';
import { upgradeBench } from './upgrade.js';

const benches: Record<string, () => Figure[] | Promise<Figure[]>> = {
  'cli-startup': () => cliStartup(),
  'template-parse': templateParse,
  'daemon-api': daemonApi,
  'storage-commit': storageCommit,
  'raft-zone': raftZone,
  'federation-lag': federationLag,
  serversync: serverSync,
  'onedb-backup': onedbBackup,
  lab: labBench,
  upgrade: upgradeBench,
};

const wanted = process.argv.slice(2);
for (const name of wanted)
  if (!(name in benches))
    throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
const figures: Figure[] = [];
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name}...\n`);
  figures.push(...(await bench()));
}
printTable(figures);
