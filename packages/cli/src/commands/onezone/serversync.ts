import { Args, Flags } from '@oclif/core';
import { OneKitError, resolvePaths } from '@onekit/core';
import { randomBytes } from 'node:crypto';
import { OneCommand, sshTransportFlags } from '../../command/index.js';
import { ReportedError } from '../../exit/index.js';
import type {
  BackupSummary,
  RemoteTransportKind,
  RollbackOutcome,
  ServerSyncResult,
  SshHostKeyChecking,
  SyncRelease,
} from '../../serversync/index.js';

type Output =
  | ServerSyncResult
  | { readonly kind: 'rollback'; readonly rollback: RollbackOutcome }
  | { readonly kind: 'backups'; readonly backups: readonly BackupSummary[] };

const previewFlags = ['dry-run', 'diff'];
/** Flags that make sense only when syncing from a server. */
const syncOnlyFlags = ['dry-run', 'diff', 'delete', 'keep-ha', 'yes', 'db'] as const;
/** An error in --dry-run or --diff, as kubectl diff and GNU diff report one. */
const previewErrorStatus = 2;

export default class ServerSync extends OneCommand<Output> {
  static override summary =
    'Copy the configuration of another front-end of this zone to this host.';
  static override description = [
    "Compares this host's configuration directory with that of <server> (another front-end of the same zone) for the files OpenNebula's serversync covers (--release selects the list: 7, 6 or 5.12), and replaces this host's files with the other server's. oned.conf is not copied whole: this host keeps its FEDERATION identity (MODE, ZONE_ID, SERVER_ID, MASTER_ONED, MASTER_ONED_GRPC) and its own LISTEN_ADDRESS, GRPC_LISTEN_ADDRESS and HOSTNAME, and with --keep-ha also RAFT, RAFT_LEADER_HOOK and RAFT_FOLLOWER_HOOK; a difference in those alone is no difference. onekit-agent.yaml is never synced. Files found only here are kept unless --delete removes them from the synced folders.",
    'Every file replaced or removed is first copied to <var>/backups/serversync/<id>/ with a manifest.json of what was done; --rollback <id> puts them back, removes the files the sync added and try-restarts the services, --list-backups lists the backups. After a sync only the services whose files changed are try-restarted. Servers of different zones, and this host itself, are refused.',
    '--dry-run prints the status of each file (same, differs, only-here, only-there, mode-differs, owner-differs); --diff adds unified diffs; secrets (passwords, tokens, keys, user:password lines) are redacted in every output. In those two modes the exit status follows kubectl diff: 0 in sync, 1 differences found, 2 an error (no question is asked, so the cancel status never occurs).',
    "The other server is reached through its agent (--transport agent, the default: --agent-port, and --agent-token-file, by default this host's own token file), over SSH (--ssh-user, default oneadmin; --ssh-key, default <var>/.ssh/id_rsa; --known-hosts; --host-key-checking), or with --transport local <root> another ONE_LOCATION root on this machine.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> fe2 --dry-run',
    '<%= config.bin %> <%= command.id %> fe2 --diff --keep-ha',
    '<%= config.bin %> <%= command.id %> 10.0.0.2 --transport ssh --ssh-user root --yes',
    '<%= config.bin %> <%= command.id %> --list-backups',
    '<%= config.bin %> <%= command.id %> --rollback 20260101T120000Z-3f9a2c',
  ];
  static override args = {
    server: Args.string({
      description: 'The front-end to copy from (with --transport local: its ONE_LOCATION root).',
      ignoreStdin: true,
    }),
  };
  static override flags = {
    transport: Flags.string({
      description: 'How to reach the server.',
      options: ['agent', 'ssh', 'local'],
      default: 'agent',
      helpGroup: 'TRANSPORT',
    }),
    'agent-port': Flags.integer({
      description: "Port of the server's agent (default 2635).",
      min: 1,
      max: 65535,
      helpValue: 'PORT',
      helpGroup: 'TRANSPORT',
    }),
    'agent-token-file': Flags.string({
      description: "File holding the server's agent token (default: this host's agent_token).",
      helpValue: 'FILE',
      helpGroup: 'TRANSPORT',
    }),
    ...sshTransportFlags,
    'keep-ha': Flags.boolean({
      description: "Also keep this host's RAFT section and Raft hooks in oned.conf.",
    }),
    'dry-run': Flags.boolean({ description: 'Show the status of each file; change nothing.' }),
    diff: Flags.boolean({ description: 'Like --dry-run, with unified diffs (redacted).' }),
    delete: Flags.boolean({
      description: 'Remove files of the synced folders that the server does not have.',
    }),
    yes: Flags.boolean({ description: 'Sync without asking.' }),
    db: Flags.boolean({
      description:
        "Also replace this host's database with the server's, through onedb on both hosts (this host's is backed up first; its daemon is stopped for the restore).",
    }),
    release: Flags.string({
      description: "Whose file list: OpenNebula 7.x, 6.x or 5.12's.",
      options: ['7', '6', '5.12'],
      default: '7',
    }),
    rollback: Flags.string({
      description: 'Undo the sync that made this backup.',
      helpValue: 'ID',
    }),
    'list-backups': Flags.boolean({
      description: "List this host's serversync backups.",
    }),
  };

  async run(): Promise<Output> {
    const { args, flags } = await this.parse(ServerSync);
    const lib = await import('../../serversync/index.js');
    const local = await lib.localHost(this.env);
    const clock = () => new Date();
    const rng = () => randomBytes(4).readUInt32BE() / 2 ** 32;
    const render = { color: this.io.colorEnabled(), bin: this.config.bin };
    // With --json, stderr carries only a failure, as JSON.
    const say = (line: string) => (flags.json ? undefined : this.io.err(line));
    try {
      if (flags['list-backups'] || flags.rollback !== undefined) {
        const own = flags['list-backups'] ? 'list-backups' : 'rollback';
        const extra =
          syncOnlyFlags.find((f) => flags[f]) ?? (args.server === undefined ? undefined : 'server');
        if (extra !== undefined || (flags['list-backups'] && flags.rollback !== undefined)) {
          throw new OneKitError(
            'FLAG_INVALID',
            `--${own} takes no server and no ${extra ? `--${extra}` : '--rollback'}`,
            {
              field: extra ?? 'rollback',
            },
          );
        }
      }
      if (flags['list-backups']) return { kind: 'backups', backups: await lib.listBackups(local) };
      if (flags.rollback !== undefined) {
        const rollback = await lib.runRollback({
          local,
          id: flags.rollback,
          clock,
          onStep: (step) => say(lib.rollbackStepLine(step)),
        });
        this.exitStatus = lib.rollbackExitStatus(rollback);
        return { kind: 'rollback', rollback };
      }
      if (args.server === undefined) {
        throw new OneKitError('FLAG_REQUIRED', 'name the server to sync from', { field: 'server' });
      }
      const remote = await lib.remoteHost({
        kind: flags.transport as RemoteTransportKind,
        server: args.server,
        localPaths: resolvePaths({ oneLocation: this.env['ONE_LOCATION'] }),
        env: this.env,
        home: this.home,
        agentPort: flags['agent-port'],
        agentTokenFile: flags['agent-token-file'],
        sshUser: flags['ssh-user'],
        sshKey: flags['ssh-key'],
        knownHosts: flags['known-hosts'],
        hostKeyChecking: flags['host-key-checking'] as SshHostKeyChecking | undefined,
      });
      try {
        say(`Comparing this host with ${remote.host}\n`);
        const result = await lib.runServerSync({
          io: this.io,
          prompter: this.prompter,
          local,
          remote,
          mode: flags.diff ? 'diff' : flags['dry-run'] ? 'dry-run' : 'sync',
          release: flags.release as SyncRelease,
          keepHa: flags['keep-ha'],
          delete: flags.delete,
          yes: flags.yes,
          database: flags.db,
          clock,
          rng,
          showPlan: (plan) => this.io.out(lib.renderPlan(plan, render)),
          onEvent: (event) => say(lib.syncEventLine(event)),
        });
        if (result.kind === 'preview' && result.plan.refusal !== undefined) {
          say(`A sync would be refused: ${result.plan.refusal}\n`);
        }
        this.exitStatus = lib.serverSyncExitStatus(result);
        return result;
      } finally {
        await remote.close();
      }
    } finally {
      await local.close();
    }
  }

  protected override async renderText(output: Output): Promise<string> {
    const lib = await import('../../serversync/index.js');
    const render = { color: this.io.colorEnabled(), bin: this.config.bin };
    switch (output.kind) {
      case 'backups':
        return lib.renderBackups(output.backups, render);
      case 'rollback':
        return lib.renderRollback(output.rollback);
      default:
        return lib.renderServerSync(output, render);
    }
  }

  /** --dry-run and --diff fail with status 2, as kubectl diff does (1 means differences). */
  protected override async catch(err: Error): Promise<never> {
    if (err instanceof ReportedError || !previewFlags.some((f) => this.argv.includes(`--${f}`))) {
      return super.catch(err);
    }
    try {
      return await super.catch(err);
    } catch (reported) {
      throw new ReportedError(previewErrorStatus, { cause: reported });
    }
  }
}
