// Which local process opened a TCP connection on loopback, read from Linux's /proc: the
// connection's client end is a row of /proc/net/tcp (its inode), and the process holding it
// has that inode among its file descriptors. Proxies use it to tell one simulated host's
// connections from another's, since every process here connects from 127.0.0.1.
import { readFile, readdir, readlink } from 'node:fs/promises';

export interface TcpEnds {
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly serverAddress: string;
  readonly serverPort: number;
}

/** /proc/net/tcp's form of an IPv4 address and port: 127.0.0.5:80 → 0500007F:0050 */
function procEndpoint(address: string, port: number): string {
  const bytes = address
    .replace(/^::ffff:/, '')
    .split('.')
    .map(Number)
    .reverse();
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex}:${port.toString(16).padStart(4, '0')}`.toUpperCase();
}

async function socketInode(ends: TcpEnds): Promise<string | undefined> {
  const local = procEndpoint(ends.clientAddress, ends.clientPort);
  const remote = procEndpoint(ends.serverAddress, ends.serverPort);
  const table = await readFile('/proc/net/tcp', 'utf8');
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[2] === remote) return fields[9];
  }
  return undefined;
}

/** The children of process `pid` (every thread's). */
export async function childPids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  const children: number[] = [];
  for (const task of tasks) {
    const text = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(ignoreGone);
    for (const child of (text ?? '').split(/\s+/)) if (child) children.push(Number(child));
  }
  return children;
}

/**
 * The pid among `candidates` holding the client end of the connection, if any does. The
 * descriptors are read all at once: the connection waits (paused) for this answer, and a
 * peer whose request times out meanwhile opens another connection that waits again.
 */
export async function socketOwner(
  ends: TcpEnds,
  candidates: readonly number[],
): Promise<number | undefined> {
  const inode = await socketInode(ends);
  if (inode === undefined || inode === '0') return undefined;
  const wanted = `socket:[${inode}]`;
  const holders = await Promise.all(candidates.map((pid) => holds(pid, wanted)));
  return candidates.find((_, i) => holders[i]);
}

async function holds(pid: number, link: string): Promise<boolean> {
  const fds = (await readdir(`/proc/${pid}/fd`).catch(ignoreGone)) ?? [];
  const links = await Promise.all(
    fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(ignoreGone)),
  );
  return links.includes(link);
}

/**
 * What tells a process from a later one given the same pid: the pid and its start time (in
 * clock ticks since boot); undefined once it has exited.
 */
export async function processIdentity(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(ignoreGone);
  // The command name (field 2) may hold spaces and parentheses: count from its end.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields && `${pid}@${fields[19]}`;
}

/** A process or descriptor that went away while being looked at is simply not a match. */
function ignoreGone(err: NodeJS.ErrnoException): undefined {
  if (err.code === 'ENOENT' || err.code === 'ESRCH') return undefined;
  throw err;
}
