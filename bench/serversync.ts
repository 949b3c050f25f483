// `onezone serversync --dry-run` through the library (both inventories with SHA-256, then
// the plan) between two simulated front-ends, each a temporary ONE_LOCATION on a loopback
// address of its own, holding a generated 300-file configuration tree. This host is read
// through the local transport, as the command does; the other server through its agent
// (HTTP) or over SSH (a real sshd: sftp and the agent's one-shot mode). Every run opens
// fresh transports, so each pays its connection setup. The baseline is `rsync -n -c -r -i`
// from the other server over the same sshd, key and known_hosts: the whole command's wall
// time, connection included. The three cases take turns; medians count.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testIO } from '../packages/cli/src/io/index.js';
import { scriptedPrompter } from '../packages/cli/src/prompt/index.js';
import { runServerSync, type SyncPlan } from '../packages/cli/src/serversync/index.js';
import {
  AgentTransport,
  LocalTransport,
  SshTransport,
  type HostTransport,
} from '../packages/cli/src/transport/index.js';
import {
  AgentRoot,
  agentBin,
  type AgentProcess,
} from '../packages/agent/test/support/agent-root.js';
import { shellCommand, startSshd, type ScratchSshd } from '../test/support/sshd.js';
import { writeTreePair, type TreePair } from './support/etc-tree.js';
import { fmt, median, timeCommand, type Figure } from './support/measure.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const MIN_ROUNDS = 7;
const FILES = 300;
const MAX_BYTES = 200 * 1024;
const HERE_ADDRESS = '127.0.0.11';
const THERE_ADDRESS = '127.0.0.12';

interface Lab {
  readonly here: AgentRoot;
  readonly there: AgentRoot;
  readonly tree: TreePair;
  /** The other server's agent. */
  readonly agent: AgentProcess;
  /** The other server's sshd. */
  readonly sshd: ScratchSshd;
  readonly knownHosts: string;
}

/** Builds both hosts, starts the other server's agent and sshd, and tears it all down after. */
async function withLab<T>(measure: (lab: Lab) => Promise<T>): Promise<T> {
  const [here, there] = await Promise.all([
    AgentRoot.create({ host: HERE_ADDRESS }),
    AgentRoot.create({ host: THERE_ADDRESS }),
  ]);
  const clientDir = mkdtempSync(path.join(tmpdir(), 'onekit-bench-serversync-'));
  try {
    const tree = writeTreePair({
      files: FILES,
      maxBytes: MAX_BYTES,
      seed: 300,
      hereEtc: here.paths.etc,
      thereEtc: there.paths.etc,
      hereAddress: here.host,
      thereAddress: there.host,
    });
    const agent = await there.start();
    const sshd = await startSshd({ address: there.host });
    try {
      const knownHosts = path.join(clientDir, 'known_hosts');
      writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
      return await measure({ here, there, tree, agent, sshd, knownHosts });
    } finally {
      await sshd.stop();
    }
  } finally {
    await Promise.all([here.remove(), there.remove()]);
    rmSync(clientDir, { recursive: true, force: true });
  }
}

const remotes: Record<'agent' | 'ssh', (lab: Lab) => HostTransport> = {
  agent: (lab) =>
    new AgentTransport({ host: lab.there.host, port: lab.there.port, token: lab.agent.token }),
  ssh: (lab) =>
    new SshTransport({
      host: lab.sshd.host,
      port: lab.sshd.port,
      username: 'root',
      privateKeyFile: lab.sshd.clientKeyPath,
      knownHostsFile: lab.knownHosts,
      agentCommand: shellCommand([process.execPath, agentBin, 'once'], { env: lab.there.env }),
    }),
};

/** One `serversync --dry-run` from this host, transports opened and closed. */
async function dryRun(lab: Lab, remote: HostTransport): Promise<SyncPlan> {
  const local = await LocalTransport.create({ env: lab.here.env, host: 'this host' });
  try {
    const result = await runServerSync({
      io: testIO(),
      prompter: scriptedPrompter({}),
      local,
      remote,
      mode: 'dry-run',
      release: '7',
      keepHa: false,
      delete: false,
      yes: false,
      clock: () => new Date(),
      rng: Math.random,
      showPlan: () => undefined,
    });
    return result.plan;
  } finally {
    await Promise.all([local.close(), remote.close()]);
  }
}

function rsyncArgs(lab: Lab): string[] {
  const ssh = [
    'ssh',
    `-i ${lab.sshd.clientKeyPath}`,
    `-o UserKnownHostsFile=${lab.knownHosts}`,
    // As the ssh transport: this key only, never a question.
    '-o IdentitiesOnly=yes',
    '-o BatchMode=yes',
    `-p ${lab.sshd.port}`,
  ].join(' ');
  return [
    '-n',
    '-c',
    '-r',
    '-i',
    '-e',
    ssh,
    `root@${lab.sshd.host}:${lab.there.paths.etc}/`,
    `${lab.here.paths.etc}/`,
  ];
}

const sorted = (paths: readonly string[]) => [...paths].sort().join(', ');

/** Both tools must have seen exactly the differences the trees were built with. */
function checkPlan(plan: SyncPlan, lab: Lab, label: string): void {
  const { changed, onlyHere, onlyThere } = lab.tree.differences;
  const found = plan.files.filter((f) => f.status[0] !== 'same').map((f) => f.path);
  // Each side: the shared files and oned.conf, plus one file of its own.
  if (
    plan.files.length !== FILES + 1 ||
    sorted(found) !== sorted([...changed, onlyHere, onlyThere])
  )
    throw new Error(`${label}: ${plan.files.length} files planned, differing: ${sorted(found)}`);
}

function checkRsync(lab: Lab, args: string[]): void {
  const result = spawnSync('rsync', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`rsync exited ${result.status}: ${result.stderr}`);
  const itemized = result.stdout.split('\n').flatMap((line) => {
    const match = /^[<>]f\S* (.+)$/.exec(line);
    return match ? [match[1]!] : [];
  });
  // rsync also sees the node-local keys of oned.conf and each agent's own config differ.
  const { changed, onlyThere } = lab.tree.differences;
  const expected = [...changed, onlyThere, 'oned.conf', 'onekit-agent.yaml'];
  if (sorted(itemized) !== sorted(expected))
    throw new Error(`rsync itemized ${sorted(itemized)}, expected ${sorted(expected)}`);
}

async function wallTime(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

async function measure(lab: Lab): Promise<Figure[]> {
  const args = rsyncArgs(lab);
  // Warm-up, uncounted: checks what each case computes.
  for (const kind of ['agent', 'ssh'] as const)
    checkPlan(await dryRun(lab, remotes[kind](lab)), lab, kind);
  checkRsync(lab, args);

  const cases = [
    () => wallTime(() => dryRun(lab, remotes.agent(lab))),
    () => wallTime(() => dryRun(lab, remotes.ssh(lab))),
    async () => timeCommand('rsync', args, 1)[0]!,
  ];
  const samples = cases.map((): number[] => []);
  const start = performance.now();
  let rounds = 0;
  // Each round runs every case once, starting with a different one each time.
  for (; rounds < MIN_ROUNDS || performance.now() - start < cases.length * DURATION_MS; rounds++)
    for (let k = 0; k < cases.length; k++) {
      const i = (rounds + k) % cases.length;
      samples[i]!.push(await cases[i]!());
    }

  const [agent, ssh, rsync] = samples.map(median) as [number, number, number];
  const differing = lab.tree.differences.changed.length + 2;
  const tree = `${FILES} files, ${(lab.tree.hereBytes / 2 ** 20).toFixed(1)} MiB, ${differing} differing`;
  return (
    [
      ['agent', agent],
      ['ssh', ssh],
    ] as const
  ).map(([transport, value]) => ({
    bench: 'serversync',
    case: `--dry-run over ${transport} (${tree}; median of ${rounds})`,
    value: fmt.ms(value),
    baseline: `rsync -n -c -r -i over ssh ${fmt.ms(rsync)}`,
    ratio: fmt.ratio(value / rsync),
  }));
}

export function serverSync(): Promise<Figure[]> {
  return withLab(measure);
}
