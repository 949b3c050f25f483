// Runs every package's mocha suite (through lerna, one package at a time so that the
// process tests do not fight over two cores), then the cross-package scenarios in test/,
// and prints the totals. Exit status: non-zero when any suite failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, '.test-results');
fs.rmSync(results, { recursive: true, force: true });
const env = {
  ...process.env,
  ONEKIT_TEST_RESULTS: results,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
};

const run = (cmd, args, cwd = root) =>
  spawnSync(cmd, args, { cwd, env, stdio: 'inherit' }).status ?? 1;

let status = run('npx', [
  'lerna',
  'run',
  'test',
  '--concurrency',
  '1',
  '--no-bail',
  '--no-sort',
  '--stream',
]);
if (fs.existsSync(path.join(root, 'test', '.mocharc.json'))) {
  status ||= run(
    'npx',
    ['c8', '--reporter=text-summary', '--report-dir=coverage/scenarios', 'mocha'],
    path.join(root, 'test'),
  );
}

const totals = { passes: 0, failures: 0, pending: 0 };
const files = fs.existsSync(results) ? fs.readdirSync(results) : [];
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(path.join(results, file), 'utf8'));
  console.log(
    `${r.name.padEnd(10)} ${r.passes} passed, ${r.failures} failed, ${r.pending} skipped`,
  );
  totals.passes += r.passes;
  totals.failures += r.failures;
  totals.pending += r.pending;
}
// A package whose suite never reported (crashed, skipped) must not vanish from the totals.
for (const pkg of fs.readdirSync(path.join(root, 'packages'))) {
  if (!files.includes(`${pkg}.json`)) {
    console.log(`${pkg.padEnd(10)} did not report`);
    status ||= 1;
  }
}
console.log(
  `\ntotal: ${totals.passes} passed, ${totals.failures} failed, ${totals.pending} skipped`,
);
process.exit(status || (totals.failures > 0 ? 1 : 0));
