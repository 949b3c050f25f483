// `onekit-agent serve`: the long-running agent. It creates its token on the first start,
// listens, prints "listening on <url>", serves until asked to stop, then closes the
// server, stops the services it supervises and exits.
import { readFile } from 'node:fs/promises';
import { OneKitError } from '@onekit/core';
import { startAgentServer, type AgentServer } from '../http/index.js';
import { openRequestLog, type RequestLog } from '../log/index.js';
import { createHostOperations, RequestProcessor } from '../operations/index.js';
import { MAX_REQUEST_BYTES } from '../protocol/index.js';
import type { ServiceManager } from '../services/index.js';
import { defaultRestartPolicy } from '../supervisor/index.js';
import { ensureAgentToken } from '../token/index.js';
import type { AgentProcessIO } from './io.js';
import { loadAgentHost } from './load-host.js';

/** `file:line: message` when the error points into a file. */
function describeFailure(err: unknown): string {
  if (!(err instanceof OneKitError)) return err instanceof Error ? err.message : String(err);
  const { file, line } = err.where;
  const at = file === undefined ? '' : line === undefined ? `${file}: ` : `${file}:${line}: `;
  return `${at}${err.message}`;
}

export interface ServeOptions {
  readonly config?: string;
  readonly logToStderr: boolean;
}

async function readPem(file: string, field: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new OneKitError(
      'CONFIG_INVALID',
      `${field}: the file cannot be read`,
      { file, field },
      {
        cause: err,
      },
    );
  }
}

interface Running {
  readonly server: AgentServer;
  readonly services: ServiceManager;
  readonly log: RequestLog;
}

async function start(io: AgentProcessIO, o: ServeOptions): Promise<Running> {
  const { paths, config } = await loadAgentHost(io.env, { config: o.config, cwd: io.cwd });
  const token = await ensureAgentToken(config.tokenFile, io.randomBytes);
  const tls = config.tls && {
    cert: await readPem(config.tls.cert, 'tls.cert'),
    key: await readPem(config.tls.key, 'tls.key'),
  };
  const host = await createHostOperations({
    paths,
    config,
    env: io.env,
    runner: io.runner,
    clock: io.clock,
    randomBytes: io.randomBytes,
    restart: defaultRestartPolicy,
    report: (line) => io.stderr.write(`onekit-agent: ${line}\n`),
  });
  const log = await openRequestLog({
    file: config.logFile,
    warn: io.stderr,
    ...(o.logToStderr ? { echo: io.stderr } : {}),
  });
  try {
    const server = await startAgentServer({
      listenAddress: config.listenAddress,
      port: config.port,
      ...(tls ? { tls } : {}),
      token,
      processor: new RequestProcessor({ operations: host.operations, log, clock: io.clock }),
      maxBodyBytes: MAX_REQUEST_BYTES,
    });
    return { server, services: host.services, log };
  } catch (err) {
    await log.close();
    throw new OneKitError(
      'CONFIG_INVALID',
      `cannot listen on ${config.listenAddress}:${config.port}: ${(err as Error).message}`,
      { field: 'listen_address' },
      { cause: err },
    );
  }
}

export async function runServe(io: AgentProcessIO, o: ServeOptions): Promise<number> {
  const fail = (err: unknown) => {
    io.stderr.write(`onekit-agent: ${describeFailure(err)}\n`);
    return 1;
  };
  let running: Running;
  try {
    running = await start(io, o);
  } catch (err) {
    return fail(err);
  }
  io.stdout.write(`listening on ${running.server.url}\n`);
  await io.stopRequested;
  let status = 0;
  const steps = [
    () => running.server.close(),
    () => running.services.shutdown(),
    () => running.log.close(),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      status = fail(err);
    }
  }
  return status;
}
