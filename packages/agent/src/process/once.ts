// `onekit-agent once`: one request on stdin, one response on stdout, for use over SSH.
// Whatever goes wrong, including a bad config, stdout carries a JSON response.
import { OneKitError, type Environment } from '@onekit/core';
import { openRequestLog } from '../log/index.js';
import { createHostOperations, RequestProcessor } from '../operations/index.js';
import {
  errorResponse,
  MAX_REQUEST_BYTES,
  requestTooLarge,
  type AgentResponse,
} from '../protocol/index.js';
import type { AgentProcessIO } from './io.js';
import { loadAgentHost } from './load-host.js';

/** `ssh:<address>:<port>` when sshd started us (it sets SSH_CLIENT), `local` otherwise. */
export function oncePeer(env: Environment): string {
  const [address, port] = (env.SSH_CLIENT ?? '').split(' ');
  return address && port ? `ssh:${address}:${port}` : 'local';
}

async function readInput(input: AsyncIterable<Buffer | string>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) throw requestTooLarge(limit);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function respond(io: AgentProcessIO, config: string | undefined): Promise<AgentResponse> {
  const { paths, config: agentConfig } = await loadAgentHost(io.env, { config, cwd: io.cwd });
  const log = await openRequestLog({ file: agentConfig.logFile, warn: io.stderr });
  try {
    const { operations } = await createHostOperations({
      paths,
      config: agentConfig,
      env: io.env,
      runner: io.runner,
      clock: io.clock,
      randomBytes: io.randomBytes,
      report: (line) => io.stderr.write(`onekit-agent: ${line}\n`),
    });
    const processor = new RequestProcessor({ operations, log, clock: io.clock });
    const peer = oncePeer(io.env);
    let body: string;
    try {
      body = await readInput(io.stdin, MAX_REQUEST_BYTES);
    } catch (err) {
      if (err instanceof OneKitError) return processor.refuse(err, peer);
      throw err;
    }
    return await processor.respond(body, peer);
  } finally {
    await log.close();
  }
}

export async function runOnce(io: AgentProcessIO, config: string | undefined): Promise<number> {
  let response: AgentResponse;
  try {
    response = await respond(io, config);
  } catch (err) {
    response = errorResponse(
      err instanceof OneKitError
        ? err
        : new OneKitError('HOST_COMMAND', `onekit-agent once: ${String(err)}`),
    );
  }
  io.stdout.write(`${JSON.stringify(response)}\n`);
  return response.ok ? 0 : 1;
}
