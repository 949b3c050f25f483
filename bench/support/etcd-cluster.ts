// A 3-member etcd cluster on loopback for baselines: each member a child process with its
// own data directory and addresses, spoken to over etcd's v3 JSON gateway (POST /v3/kv/put
// with base64 key and value). Members can be killed with SIGKILL and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '../../test/support/daemon.js';

const START_DEADLINE_MS = 30_000;

export interface EtcdTimeouts {
  readonly electionMs: number;
  readonly heartbeatMs: number;
}

interface Member {
  readonly name: string;
  readonly host: string;
  readonly clientPort: number;
  readonly peerPort: number;
  process: ChildProcess | undefined;
}

/** The etcd executable, or why there is none. */
export function findEtcd(): { path: string } | { missing: string } {
  const dirs = ['/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(path.delimiter)];
  for (const dir of dirs) {
    const file = path.join(dir, 'etcd');
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile() && (stat.mode & 0o111) !== 0) return { path: file };
  }
  return {
    missing: 'no etcd executable in /usr/bin or PATH (Debian: apt-get install etcd-server)',
  };
}

export class EtcdCluster {
  private constructor(
    private readonly binary: string,
    private readonly dir: string,
    private readonly members: Member[],
    private readonly timeouts: EtcdTimeouts,
  ) {}

  static async start(binary: string, timeouts: EtcdTimeouts): Promise<EtcdCluster> {
    const dir = mkdtempSync(path.join(tmpdir(), 'onekit-etcd-'));
    const members: Member[] = [];
    for (let i = 0; i < 3; i++) {
      const host = `127.0.2.${10 + i}`;
      members.push({
        name: `m${i}`,
        host,
        clientPort: await freePort(host),
        peerPort: await freePort(host),
        process: undefined,
      });
    }
    const cluster = new EtcdCluster(binary, dir, members, timeouts);
    for (const m of members) cluster.spawn(m);
    await cluster.waitForLeader();
    return cluster;
  }

  /** Client addresses of the members (running or not). */
  get endpoints(): { host: string; port: number }[] {
    return this.members.map((m) => ({ host: m.host, port: m.clientPort }));
  }

  isRunning(i: number): boolean {
    return this.members[i]!.process !== undefined;
  }

  /** The index of the member that leads, once all running members agree on one. */
  async waitForLeader(deadlineMs = START_DEADLINE_MS): Promise<number> {
    const until = performance.now() + deadlineMs;
    for (;;) {
      const ids: string[] = [];
      const leaders = new Set<string>();
      for (const [i, m] of this.members.entries()) {
        if (!this.isRunning(i)) continue;
        const status = await post(m.host, m.clientPort, '/v3/maintenance/status', '{}', 1000)
          .then((body) => JSON.parse(body) as { header?: { member_id?: string }; leader?: string })
          .catch(() => undefined);
        ids.push(status?.header?.member_id ?? '');
        leaders.add(status?.leader ?? '');
      }
      const [leader] = leaders;
      if (leaders.size === 1 && leader && leader !== '0' && ids.includes(leader)) {
        return ids.indexOf(leader);
      }
      if (performance.now() > until)
        throw new Error(`etcd elected no leader within ${deadlineMs} ms`);
      await delay(50);
    }
  }

  /** The body of a put of `key` = `value`. */
  static putBody(key: string, value: string): string {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    return JSON.stringify({ key: b64(key), value: b64(value) });
  }

  /** Whether a put to member `i` was acknowledged. */
  async put(i: number, key: string, value: string, timeoutMs: number): Promise<boolean> {
    const m = this.members[i]!;
    const body = await post(
      m.host,
      m.clientPort,
      '/v3/kv/put',
      EtcdCluster.putBody(key, value),
      timeoutMs,
    ).catch(() => undefined);
    return body !== undefined && isPutOk(body);
  }

  /** The process of member `i`, while it runs. */
  pid(i: number): number | undefined {
    return this.members[i]!.process?.pid;
  }

  kill(i: number): void {
    const m = this.members[i]!;
    m.process?.kill('SIGKILL');
    m.process = undefined;
  }

  /** Starts a killed member again on its data directory. */
  restart(i: number): void {
    this.spawn(this.members[i]!);
  }

  stop(): void {
    for (const m of this.members) {
      m.process?.kill('SIGKILL');
      m.process = undefined;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(m: Member): void {
    const peers = this.members.map((p) => `${p.name}=http://${p.host}:${p.peerPort}`).join(',');
    const client = `http://${m.host}:${m.clientPort}`;
    const peer = `http://${m.host}:${m.peerPort}`;
    m.process = spawn(
      this.binary,
      [
        `--name=${m.name}`,
        `--data-dir=${path.join(this.dir, m.name)}`,
        `--listen-client-urls=${client}`,
        `--advertise-client-urls=${client}`,
        `--listen-peer-urls=${peer}`,
        `--initial-advertise-peer-urls=${peer}`,
        `--initial-cluster=${peers}`,
        '--initial-cluster-token=onekit-bench',
        '--initial-cluster-state=new',
        `--election-timeout=${this.timeouts.electionMs}`,
        `--heartbeat-interval=${this.timeouts.heartbeatMs}`,
        '--logger=zap',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
  }
}

export function isPutOk(body: string): boolean {
  return body.includes('"header"') && !body.includes('"error"');
}

function post(
  host: string,
  port: number,
  pathname: string,
  body: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host,
        port,
        path: pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`HTTP ${res.statusCode}: ${text}`));
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
