// An offline restore must not run under a live daemon, which would go on with its own idea
// of the database. As oned's onedb: a lock file refuses, and so does a daemon answering
// one.system.version on the configured endpoint. The probe sends an empty session: any
// XML-RPC answer, an authentication failure included, proves a daemon is there, and no
// credential is ever sent.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { decodeMethodResponse, encodeMethodCall, OneKitError, type OnedConfig } from '@onekit/core';

export const DEFAULT_PROBE_TIMEOUT_MS = 3000;
const MAX_ANSWER_BYTES = 1 << 20;

export interface DaemonCheck {
  /** oned's lock file. */
  readonly lockFile: string;
  /** Whether a process with this pid exists: a lock left by a dead daemon does not count. */
  readonly isAlive: (pid: number) => boolean;
  /** The XML-RPC endpoint this installation's daemon answers on. */
  readonly endpoint: string;
  readonly probeTimeoutMs?: number;
}

/** The endpoint oned.conf makes the daemon listen on, as a local client reaches it. */
export function onedEndpoint(conf: Pick<OnedConfig, 'listenAddress' | 'port'>): string {
  const wildcard: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1', '': '127.0.0.1' };
  const host = wildcard[conf.listenAddress] ?? conf.listenAddress;
  return `http://${host.includes(':') ? `[${host}]` : host}:${conf.port}/RPC2`;
}

/** The pid in a lock file; 'absent' without a file, undefined when it holds no pid. */
function lockHolder(path: string): number | undefined | 'absent' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Throws DB_BACKUP when the daemon may be running: a live lock, or an answering endpoint. */
export async function ensureDaemonStopped(c: DaemonCheck): Promise<void> {
  const holder = lockHolder(c.lockFile);
  if (holder !== 'absent' && (holder === undefined || c.isAlive(holder))) {
    throw new OneKitError('DB_BACKUP', `First stop OpenNebula. Lock file found: ${c.lockFile}`, {
      file: c.lockFile,
    });
  }
  if (await answersXmlRpc(c.endpoint, c.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS)) {
    throw new OneKitError('DB_BACKUP', `OpenNebula found listening on '${c.endpoint}'`, {
      field: 'endpoint',
    });
  }
}

/** Whether an XML-RPC server answers one.system.version at `endpoint` within the time. */
export function answersXmlRpc(endpoint: string, timeoutMs: number): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return Promise.resolve(false);
  }
  const body = encodeMethodCall('one.system.version', ['']);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) },
        timeout: timeoutMs,
        // Only liveness is asked: nothing secret is sent, so any certificate will do.
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy();
          else chunks.push(chunk);
        });
        res.on('end', () => resolve(isXmlRpcAnswer(Buffer.concat(chunks))));
        res.on('error', () => resolve(false));
        res.on('close', () => resolve(false));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

function isXmlRpcAnswer(body: Buffer): boolean {
  try {
    decodeMethodResponse(body);
    return true;
  } catch {
    // Not XML-RPC: whatever listens there is no daemon of ours.
    return false;
  }
}
