// The daemon's life: start (configuration, log, lock, database, bootstrap, services, RPC
// server) and stop (stop accepting, finish calls in progress and their commits, close the
// database, remove the lock). Everything the process gives it (environment, pid, clock,
// randomness) comes in through DaemonEnvironment; the executable reads them once.
import {
  loadOnedConf,
  readOneAuth,
  resolvePaths,
  type Environment,
  type OnedConf,
  type OnePaths,
} from '@onekit/core';
import { MethodRegistry, daemonMethods } from '../api/registry.js';
import { bootstrapDatabase, planBootstrap, readDatabaseVersions } from '../bootstrap/index.js';
import {
  checkFederationStart,
  checkSlaveConfig,
  slaveRpc,
  startFederation,
} from '../federation/index.js';
import { DaemonLog, openFileSink } from '../log/index.js';
import { soloRaftStatus, type RaftStatusSource } from '../api/raft-status.js';
import {
  RaftCommitter,
  haRaftStatus,
  haRouter,
  peerKey,
  raftPeerRoute,
  startRaftNode,
  type RaftNode,
} from '../ha/index.js';
import { zoneServerChangeWrites } from '../pools/zone/index.js';
import { stateCheckWrites } from '../state-check/index.js';
import { Dispatcher, RpcServer, soloRouter, type PeerRoute, type Router } from '../rpc/index.js';
import { openDatabase, type Database } from '../storage/index.js';
import {
  LogStore,
  SoloCommitter,
  startLogPurge,
  type Clock,
  type Committer,
} from '../write-path/index.js';
import { ONED_API_VERSION, ONEKIT_VERSION } from '../version/index.js';
import { assembleServices } from './assemble-services.js';
import {
  keepAliveTimeoutMs,
  maxRequestBytes,
  refuseUnsupportedRoles,
  storageConfig,
} from './daemon-config.js';
import { acquireLock } from './lock-file.js';
import { installShippedHooks } from './shipped-hooks.js';

export interface DaemonEnvironment {
  /** ONE_LOCATION selects the self-contained layout; ONE_AUTH names oneadmin's credentials. */
  readonly env: Environment;
  /** Home of the user running the daemon (for ~/.one/one_auth). */
  readonly home: string | undefined;
  readonly pid: number;
  readonly isProcessAlive: (pid: number) => boolean;
  readonly clock: Clock;
  /** A new 64-hex random secret each call. */
  readonly randomSecret: () => string;
  /** Request ids for the log. */
  readonly requestId: () => number;
  /** Uniform in [0, 1): election timeouts. */
  readonly random: () => number;
}

export interface RunningDaemon {
  readonly paths: OnePaths;
  readonly config: OnedConf;
  /** Where the XML-RPC server listens. */
  readonly address: { readonly host: string; readonly port: number };
  /** Stops the daemon; safe to call more than once. */
  stop(): Promise<void>;
  /** Settles if the daemon cannot go on (its log cannot be written): stop it then. */
  readonly failed: Promise<unknown>;
}

/** How long stop() lets calls in progress finish before closing their connections. */
const STOP_GRACE_MS = 30_000;

type Cleanup = () => Promise<void> | void;

async function unwind(cleanups: Cleanup[]): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export async function startDaemon(e: DaemonEnvironment): Promise<RunningDaemon> {
  const paths = resolvePaths({ oneLocation: e.env.ONE_LOCATION });
  const config = await loadOnedConf(paths.onedConf);
  refuseUnsupportedRoles(config);
  checkSlaveConfig(config);
  const zoneId = config.federation.zoneId;

  const sink = await openFileSink(paths.onedLog);
  const log = new DaemonLog({ sink, clock: e.clock, zoneId });
  const cleanups: Cleanup[] = [() => sink.close()];
  try {
    log.info(
      'ONE',
      `Starting OneKit daemon ${ONEKIT_VERSION} (OpenNebula ${ONED_API_VERSION} API).`,
    );
    const lock = acquireLock({
      path: paths.lock,
      pid: e.pid,
      isAlive: e.isProcessAlive,
      onTakeover: (stale) =>
        log.warn('ONE', `Stale lock file ${paths.lock} of process ${stale} taken over.`),
    });
    cleanups.push(() => lock.release());

    for (const file of await installShippedHooks(paths.hooks)) {
      log.info('ONE', `Installed hook ${file}.`);
    }
    const db = await openDatabase(storageConfig(config, paths));
    cleanups.push(() => db.close());
    const { solo, logStore } = await prepareDatabase(db, { config, paths, e, log });
    let fail: (error: unknown) => void = () => {};
    const failed = new Promise<unknown>((resolve) => (fail = resolve));
    const role = await startRole({ db, logStore, solo, config, paths, e, log, onFatal: fail });
    cleanups.push(() => role.stop());
    const federation = startFederation({
      config,
      db,
      log: logStore,
      ...(role.node && { node: role.node }),
      session: () => {
        const auth = readOneAuth({ env: e.env, home: e.home, paths });
        return `${auth.user}:${auth.password}`;
      },
      logger: log,
    });
    cleanups.push(() => federation.stop());
    const stopPurge = startLogPurge({
      log: logStore,
      raft: config.raft,
      logger: log,
      onPurged: async () => role.node?.logPurged(await logStore.firstContiguousIndex()),
    });
    cleanups.push(stopPurge);
    const services = await assembleServices({
      db,
      committer: role.committer,
      raftStatus: role.raftStatus,
      ...(role.node && { node: role.node }),
      solo: { committer: solo, log: logStore },
      appliedEntries: logStore,
      config,
      paths,
      clock: e.clock,
      randomSecret: e.randomSecret,
      log,
    });
    const maxBodyBytes = maxRequestBytes(config);
    const slave = slaveRpc({
      config,
      zone: role.router,
      localZone: services.localZone,
      session: () => {
        const auth = readOneAuth({ env: e.env, home: e.home, paths });
        return `${auth.user}:${auth.password}`;
      },
    });
    const dispatcher = new Dispatcher({
      registry: new MethodRegistry([
        ...daemonMethods(slave && { slave: slave.method }),
        ...federation.methods,
      ]),
      services,
      authenticator: services.authenticator,
      router: slave?.router ?? role.router,
      localZone: services.localZone,
      log,
      clock: e.clock,
      limits: { maxBodyBytes },
      requestId: e.requestId,
    });
    const server = await RpcServer.listen({
      host: config.listenAddress,
      port: config.port,
      maxBodyBytes,
      keepAliveTimeoutMs: keepAliveTimeoutMs(config),
      dispatch: (body, origin) => dispatcher.dispatch(body, origin),
      log,
      ...(role.peerRoute && { peer: role.peerRoute }),
    });
    // Calls in progress finish (and commit) before the database closes.
    cleanups.push(async () => {
      await server.close({ graceMs: STOP_GRACE_MS });
      await solo.idle();
    });
    log.info('ONE', `XML-RPC server listening on ${server.address.host}:${server.address.port}.`);

    let stopping: Promise<void> | undefined;
    return {
      paths,
      config,
      address: server.address,
      failed,
      stop() {
        stopping ??= (async () => {
          log.info('ONE', 'Stopping the daemon.');
          const last = cleanups.shift()!; // the log sink: closed after the final line
          await unwind(cleanups);
          log.info('ONE', 'Daemon stopped.');
          await last();
        })();
        return stopping;
      },
    };
  } catch (err) {
    log.error(
      'ONE',
      `Cannot start the daemon: ${err instanceof Error ? err.message : String(err)}`,
    );
    await unwind(cleanups);
    throw err;
  }
}

interface PrepareContext {
  readonly config: OnedConf;
  readonly paths: OnePaths;
  readonly e: DaemonEnvironment;
  readonly log: DaemonLog;
}

/** Checks the schema versions, creates what a new database lacks and opens the log. */
async function prepareDatabase(db: Database, c: PrepareContext) {
  const { federation } = c.config;
  const versions = await readDatabaseVersions(db);
  await checkFederationStart(c.config, versions, db);
  const plan = planBootstrap(versions, {
    standalone: federation.mode === 'STANDALONE' && federation.serverId === -1,
  });
  if (plan.local || plan.shared) await db.createSchema();
  const logStore = await LogStore.open(db, {
    clock: c.e.clock,
    serverChangeWrites: zoneServerChangeWrites(c.config.federation.zoneId),
    stateCheckWrites,
  });
  const mode = federation.mode === 'MASTER' ? 'MASTER' : 'STANDALONE';
  const solo = new SoloCommitter({ log: logStore, federation: mode });
  await bootstrapDatabase({
    plan,
    committer: solo,
    conf: c.config,
    paths: c.paths,
    oneadmin: () => {
      const auth = readOneAuth({ env: c.e.env, home: c.e.home, paths: c.paths });
      return { name: auth.user, password: auth.password };
    },
    clock: c.e.clock,
    randomSecret: c.e.randomSecret,
    log: c.log,
  });
  return { solo, logStore };
}

interface RoleInputs extends PrepareContext {
  readonly db: Database;
  readonly logStore: LogStore;
  readonly solo: SoloCommitter;
  readonly onFatal: (error: unknown) => void;
}

/** What differs between a solo server and a server of an HA zone. */
interface Role {
  readonly committer: Committer;
  readonly router: Router;
  readonly raftStatus: RaftStatusSource;
  readonly node?: RaftNode;
  readonly peerRoute?: PeerRoute;
  stop(): Promise<void>;
}

async function startRole(r: RoleInputs): Promise<Role> {
  const { federation } = r.config;
  const federationEnabled = federation.mode !== 'STANDALONE';
  if (federation.serverId < 0) {
    return {
      committer: r.solo,
      router: soloRouter,
      raftStatus: soloRaftStatus(r.logStore, { federationEnabled }),
      async stop() {},
    };
  }
  const node = await startRaftNode({
    db: r.db,
    log: r.logStore,
    config: r.config,
    paths: r.paths,
    oneadminSecret: readOneAuth({ env: r.e.env, home: r.e.home, paths: r.paths }).password,
    clock: r.e.clock,
    rng: r.e.random,
    logger: r.log,
    onFatal: (err) => {
      r.log.error(
        'RCM',
        `The log cannot be written, stopping: ${err instanceof Error ? err.message : String(err)}`,
      );
      r.onFatal(err);
    },
  });
  return {
    committer: new RaftCommitter(node, { federationMaster: federation.mode === 'MASTER' }),
    router: haRouter(node),
    raftStatus: haRaftStatus(node, r.logStore, { federationEnabled }),
    node,
    peerRoute: raftPeerRoute({
      key: peerKey(readOneAuth({ env: r.e.env, home: r.e.home, paths: r.paths }).password),
      zoneId: federation.zoneId,
      serverId: federation.serverId,
      receive: (messages) => node.receive(messages),
      log: r.log,
    }),
    stop: () => node.stop(),
  };
}
