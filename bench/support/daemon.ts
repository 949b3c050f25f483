// A real daemon for benchmarks: a temporary ONE_LOCATION root on its own loopback address,
// started as a child process and stopped by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultOnedConfig, renderOnedConf, resolvePaths, type OnedConfig } from '@onekit/core';

const root = path.resolve(import.meta.dirname, '../..');
export const daemonBin = path.join(root, 'packages/daemon/bin/onekit-daemon.js');
export const ONEADMIN = 'oneadmin:bench-password';

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface BenchDaemon {
  host: string;
  port: number;
  pid: number;
  endpoint: string;
  authFile: string;
  rssKiB(): number;
  stop(): Promise<void>;
}

export async function startDaemon(options: {
  host: string;
  db?: OnedConfig['db'];
}): Promise<BenchDaemon> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onekit-bench-'));
  const paths = resolvePaths({ oneLocation: dir });
  const port = await freePort(options.host);
  mkdirSync(paths.etc, { recursive: true });
  mkdirSync(paths.oneDir, { recursive: true, mode: 0o700 });
  writeFileSync(paths.oneAuth, `${ONEADMIN}\n`, { mode: 0o600 });
  const conf = defaultOnedConfig();
  conf.port = port;
  conf.listenAddress = options.host;
  if (options.db) conf.db = options.db;
  writeFileSync(paths.onedConf, renderOnedConf(conf));

  const child: ChildProcess = spawn(process.execPath, [daemonBin], {
    env: { PATH: process.env.PATH, ONE_LOCATION: dir, HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (/listening on/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`daemon exited ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    host: options.host,
    port,
    pid: child.pid!,
    endpoint: `http://${options.host}:${port}/RPC2`,
    authFile: paths.oneAuth,
    rssKiB: () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
