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
import { DaemonLog, openFileSink } from '../log/index.js';
import { Dispatcher, RpcServer, soloRouter } from '../rpc/index.js';
import { openDatabase, type Database } from '../storage/index.js';
import { LogStore, SoloCommitter, type Clock } from '../write-path/index.js';
import { ONED_API_VERSION, ONEKIT_VERSION } from '../version/index.js';
import { assembleServices } from './assemble-services.js';
import {
  keepAliveTimeoutMs,
  maxRequestBytes,
  refuseUnsupportedRoles,
  storageConfig,
} from './daemon-config.js';
import { acquireLock } from './lock-file.js';

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
}

export interface RunningDaemon {
  readonly paths: OnePaths;
  readonly config: OnedConf;
  /** Where the XML-RPC server listens. */
  readonly address: { readonly host: string; readonly port: number };
  /** Stops the daemon; safe to call more than once. */
  stop(): Promise<void>;
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

    const db = await openDatabase(storageConfig(config, paths));
    cleanups.push(() => db.close());
    const { solo, logStore } = await prepareDatabase(db, { config, paths, e, log });
    const services = await assembleServices({
      db,
      committer: solo,
      raftLog: logStore,
      appliedEntries: logStore,
      config,
      paths,
      clock: e.clock,
      randomSecret: e.randomSecret,
      log,
    });
    const maxBodyBytes = maxRequestBytes(config);
    const dispatcher = new Dispatcher({
      registry: new MethodRegistry(daemonMethods()),
      services,
      authenticator: services.authenticator,
      router: soloRouter,
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
  const plan = planBootstrap(await readDatabaseVersions(db), {
    standalone: federation.mode === 'STANDALONE' && federation.serverId === -1,
  });
  if (plan.local || plan.shared) await db.createSchema();
  const logStore = await LogStore.open(db, { clock: c.e.clock });
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
