// The daemon's XML-RPC API under load, each figure beside a baseline from the same run:
// - reads (one.zone.info, one.zonepool.info) at 1, 16 and 64 keep-alive clients, against a
//   bare node:http server (its own process) that returns the very same bytes;
// - writes (one.user.allocate) on SQLite and MariaDB with p50/p99, against the same reads;
// - `onezone list` wall time against `node -e 0`;
// - the daemon's RSS idle and after 10,000 users.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeMethodCall } from '@onekit/core';
import { startMariaDb } from '../test/support/mariadb.js';
import {
  DaemonRoot,
  freePort,
  ONEADMIN_PASSWORD,
  type ConfChange,
  type DaemonProcess,
  type RootOptions,
} from '../test/support/daemon.js';
import { runLoad, type LoadResult } from './support/http-load.js';
import { fmt, median, timeCommand, type Figure } from './support/measure.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const root = path.resolve(import.meta.dirname, '..');

const call = (method: string, ...params: unknown[]) =>
  encodeMethodCall(method, [`oneadmin:${ONEADMIN_PASSWORD}`, ...params] as never);
const ok = (response: string) => {
  if (!response.includes('<boolean>1</boolean>'))
    throw new Error(`call failed: ${response.slice(0, 300)}`);
};

async function fetchBytes(d: DaemonRoot, body: string): Promise<string> {
  const r = await fetch(d.endpoint, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml' },
  });
  return r.text();
}

/** A bare node:http server in its own process that answers every POST with `bytes`. */
async function startBaseline(host: string, bytes: string): Promise<{ port: number; stop(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onekit-baseline-'));
  const file = path.join(dir, 'body.xml');
  writeFileSync(file, bytes);
  const port = await freePort(host);
  const script = `
    const http = require('node:http'); const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    http.createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': body.length }); res.end(body); }); })
      .listen(${port}, ${JSON.stringify(host)}, () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { port, stop: () => (child.kill(), rmSync(dir, { recursive: true, force: true })) };
}

const describe = (r: LoadResult) =>
  `${fmt.rate(r.rps, 'req/s')} (p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms)`;

async function reads(d: DaemonRoot): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [label, body] of [
    ['one.zone.info', call('one.zone.info', 0)],
    ['one.zonepool.info', call('one.zonepool.info')],
  ] as const) {
    const bytes = await fetchBytes(d, body);
    ok(bytes);
    const baseline = await startBaseline(d.host, bytes);
    try {
      for (const clients of [1, 16, 64]) {
        const mine = await runLoad({
          host: d.host,
          port: d.port,
          clients,
          durationMs: DURATION_MS,
          body: () => body,
          check: ok,
        });
        const bare = await runLoad({
          host: d.host,
          port: baseline.port,
          clients,
          durationMs: DURATION_MS,
          body: () => body,
        });
        figures.push({
          bench: 'rpc-read',
          case: `${label} x${clients}`,
          value: describe(mine),
          baseline: `node:http ${fmt.rate(bare.rps, 'req/s')}`,
          ratio: fmt.ratio(mine.rps / bare.rps),
        });
      }
    } finally {
      baseline.stop();
    }
  }
  return figures;
}

async function writes(d: DaemonRoot, backend: string, prefix: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const read = call('one.zone.info', 0);
  for (const clients of [1, 16]) {
    const w = await runLoad({
      host: d.host,
      port: d.port,
      clients,
      durationMs: DURATION_MS,
      body: (n) => call('one.user.allocate', `${prefix}${clients}-${n}`, 'secret', '', []),
      check: ok,
    });
    const r = await runLoad({
      host: d.host,
      port: d.port,
      clients,
      durationMs: DURATION_MS,
      body: () => read,
      check: ok,
    });
    figures.push({
      bench: 'rpc-write',
      case: `one.user.allocate ${backend} x${clients}`,
      value: describe(w),
      baseline: `one.zone.info ${fmt.rate(r.rps, 'req/s')}`,
      ratio: fmt.ratio(w.rps / r.rps),
    });
  }
  return figures;
}

function onezoneList(d: DaemonRoot): Figure {
  const env = { ...process.env, ONE_XMLRPC: d.endpoint, ONE_AUTH: d.paths.oneAuth, NO_COLOR: '1' };
  const base = median(timeCommand(process.execPath, ['-e', '0'], 15));
  const t = median(
    timeCommand(
      process.execPath,
      [path.join(root, 'packages/cli/bin/onezone.js'), 'list'],
      15,
      env,
    ),
  );
  return {
    bench: 'cli',
    case: 'onezone list (local daemon)',
    value: fmt.ms(t),
    baseline: `node -e 0 ${fmt.ms(base)}`,
    ratio: fmt.ratio(t / base),
  };
}

async function growth(d: DaemonRoot, daemon: DaemonProcess): Promise<Figure[]> {
  const idle = daemon.rssKiB();
  let made = 0;
  const rates: number[] = [];
  while (made < 10_000) {
    const r = await runLoad({
      host: d.host,
      port: d.port,
      clients: 16,
      durationMs: 1000,
      body: (n) => call('one.user.allocate', `rss-${made + n}`, 'secret', '', []),
      check: ok,
    });
    made += r.requests;
    rates.push(r.rps);
  }
  const after = daemon.rssKiB();
  // Every allocation rewrites its group's member list, so some slowdown is inherent.
  const first = rates[0]!;
  const last = rates[rates.length - 1]!;
  return [
    {
      bench: 'memory',
      case: `daemon RSS after ${made} users`,
      value: `${(after / 1024).toFixed(1)} MiB`,
      baseline: `idle ${(idle / 1024).toFixed(1)} MiB`,
      ratio: fmt.ratio(after / idle),
    },
    {
      bench: 'daemon-api',
      case: `one.user.allocate x16 at ${made} users`,
      value: fmt.rate(last, 'req/s'),
      baseline: `first second ${fmt.rate(first, 'req/s')}`,
      ratio: fmt.ratio(last / first),
    },
  ];
}

/** Runs `measure` against a daemon in a root of its own, then stops it and removes the root. */
async function withDaemon<T>(
  options: RootOptions,
  measure: (root: DaemonRoot, daemon: DaemonProcess) => Promise<T>,
): Promise<T> {
  const root = await DaemonRoot.create(options);
  try {
    const daemon = await root.start();
    try {
      return await measure(root, daemon);
    } finally {
      await daemon.stop();
    }
  } finally {
    root.remove();
  }
}

export async function daemonApi(): Promise<Figure[]> {
  const figures: Figure[] = [];
  await withDaemon({ host: '127.0.0.9' }, async (sqlite) => {
    figures.push(...(await reads(sqlite)));
    figures.push(...(await writes(sqlite, 'SQLite', 'w')));
    figures.push(onezoneList(sqlite));
  });
  figures.push(...(await withDaemon({ host: '127.0.0.9' }, growth)));
  const maria = await startMariaDb();
  try {
    const onMaria: ConfChange = (conf) => {
      conf.db = {
        ...conf.db,
        backend: 'mysql',
        server: maria.host,
        port: maria.port,
        user: maria.user,
        passwd: maria.password,
        dbName: 'onekit_bench',
      };
    };
    figures.push(
      ...(await withDaemon({ host: '127.0.0.10', conf: onMaria }, (mysql) =>
        writes(mysql, 'MariaDB', 'm'),
      )),
    );
  } finally {
    await maria.stop();
  }
  return figures;
}
