// A generated configuration tree like a front-end's /etc/one, written to two hosts' roots:
// the same files on both (oned.conf differing only in its node-local keys), except a
// handful of changed, added and removed files. Sizes spread log-uniformly from a few bytes
// to ~200 KiB. A seeded generator makes every run compare the same trees.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TreeFile {
  /** Relative to the configuration directory. */
  readonly path: string;
  readonly content: Buffer;
  readonly mode: number;
}

/** What tells the two trees apart, besides oned.conf's node-local keys. */
export interface TreeDifferences {
  /** Same path and size on both, one byte changed on the other server. */
  readonly changed: readonly string[];
  readonly onlyHere: string;
  readonly onlyThere: string;
}

export interface TreePairOptions {
  /** Files on each host, oned.conf included. */
  readonly files: number;
  readonly maxBytes: number;
  readonly seed: number;
  readonly hereEtc: string;
  readonly thereEtc: string;
  readonly hereAddress: string;
  readonly thereAddress: string;
}

export interface TreePair {
  readonly differences: TreeDifferences;
  /** Bytes of this host's tree. */
  readonly hereBytes: number;
}

const MIN_BYTES = 8;

// Inside the folders the serversync list covers, so that every generated file is compared.
const folders = [
  'auth',
  'auth/certificates',
  'auth/ldap',
  'hm',
  'hm/hooks',
  'hm/hooks/vm',
  'hm/hooks/host',
  'vmm_exec',
  'vmm_exec/kvm',
  'vmm_exec/kvm/custom',
  'vmm_exec/lxc',
  'schedulers',
  'schedulers/rank',
  'schedulers/rank/policies',
];

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seededRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Configuration-looking text of exactly `bytes` bytes. */
function configText(bytes: number, rng: () => number): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let n = 0; length < bytes; n++) {
    const value = Math.floor(rng() * 2 ** 48).toString(16);
    const line = `ATTRIBUTE_${n} = "${value}"\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('').slice(0, bytes));
}

function onedConf(o: { serverId: number; listen: string }): TreeFile {
  const text = `LOG = [ SYSTEM = "file", DEBUG_LEVEL = 3 ]
PORT = 2633
LISTEN_ADDRESS = "${o.listen}"
DB = [ BACKEND = "sqlite" ]
FEDERATION = [
  MODE = "MASTER",
  ZONE_ID = 0,
  SERVER_ID = ${o.serverId},
  MASTER_ONED = ""
]
`;
  return { path: 'oned.conf', content: Buffer.from(text), mode: 0o640 };
}

/** The files both hosts share (oned.conf aside). */
function sharedFiles(count: number, maxBytes: number, rng: () => number): TreeFile[] {
  const small = (path: string, text: string): TreeFile => ({
    path,
    content: Buffer.from(text),
    mode: 0o640,
  });
  const files = [
    small('monitord.conf', 'NETWORK = [ ADDRESS = "0.0.0.0", PORT = 4124 ]\n'),
    small('oneflow-server.conf', ':one_xmlrpc: http://localhost:2633/RPC2\n:port: 2474\n'),
    small('onegate-server.conf', ':host: 127.0.0.1\n:port: 5030\n'),
  ];
  const span = Math.log(maxBytes / MIN_BYTES);
  for (let i = 0; files.length < count; i++) {
    const folder = folders[i % folders.length]!;
    const hook = folder.startsWith('hm');
    const size = Math.round(MIN_BYTES * Math.exp(rng() * span));
    files.push({
      path: `${folder}/${hook ? `hook-${i}.rb` : `${folder.split('/').pop()}-${i}.conf`}`,
      content: configText(size, rng),
      mode: hook ? 0o755 : 0o640,
    });
  }
  return files;
}

function writeTree(etc: string, files: readonly TreeFile[]): void {
  for (const file of files) {
    const full = join(etc, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.content);
    chmodSync(full, file.mode);
  }
}

/** One byte in the middle of the content, changed. */
function changedCopy(file: TreeFile): TreeFile {
  const content = Buffer.from(file.content);
  const middle = content.length >> 1;
  content[middle] = content[middle]! ^ 1;
  return { ...file, content };
}

/** Writes both trees; the other server's copy of the largest, a middling and the smallest file changes. */
export function writeTreePair(o: TreePairOptions): TreePair {
  const rng = seededRng(o.seed);
  // Each host: oned.conf, the shared files and one file of its own.
  const shared = sharedFiles(o.files - 2, o.maxBytes, rng);
  const bySize = [...shared].sort((a, b) => a.content.length - b.content.length);
  const changed = new Set([
    bySize[bySize.length - 1]!.path,
    bySize[bySize.length >> 1]!.path,
    bySize[0]!.path,
  ]);
  const onlyHere: TreeFile = {
    path: 'hm/hooks/local-only.rb',
    content: configText(300, rng),
    mode: 0o755,
  };
  const onlyThere: TreeFile = {
    path: 'auth/ldap/added-on-server.conf',
    content: configText(2000, rng),
    mode: 0o640,
  };
  const here = [onedConf({ serverId: 0, listen: o.hereAddress }), ...shared, onlyHere];
  writeTree(o.hereEtc, here);
  writeTree(o.thereEtc, [
    onedConf({ serverId: 1, listen: o.thereAddress }),
    ...shared.map((f) => (changed.has(f.path) ? changedCopy(f) : f)),
    onlyThere,
  ]);
  return {
    differences: { changed: [...changed], onlyHere: onlyHere.path, onlyThere: onlyThere.path },
    hereBytes: here.reduce((sum, f) => sum + f.content.length, 0),
  };
}
