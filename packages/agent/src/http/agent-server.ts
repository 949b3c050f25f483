// The agent's HTTP(S) API: `POST /v1/op` with a bearer token and a JSON request, `GET
// /v1/health` without one. The response body is always the JSON envelope; the status
// classifies it for proxies and people with curl.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { OneKitError, type ErrorCode } from '@onekit/core';
import type { RequestProcessor } from '../operations/index.js';
import { AGENT_HEALTH_PATH, AGENT_OP_PATH, type AgentResponse } from '../protocol/index.js';
import { bearerToken, tokenMatches } from '../token/index.js';
import { readBody } from './read-body.js';

export interface AgentServerOptions {
  readonly listenAddress: string;
  readonly port: number;
  /** PEM certificate and key: HTTPS when given. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  readonly token: string;
  readonly processor: RequestProcessor;
  readonly maxBodyBytes: number;
}

export interface AgentServer {
  /** `http://127.0.0.1:2635` or `https://...`. */
  readonly url: string;
  close(): Promise<void>;
}

const statuses: Partial<Record<ErrorCode, number>> = {
  AGENT_REQUEST: 400,
  AGENT_AUTH: 401,
  PATH_REFUSED: 403,
};

function statusOf(response: AgentResponse): number {
  if (response.ok) return 200;
  if (response.error.code === 'AGENT_REQUEST' && response.error.where.field === 'body') return 413;
  return statuses[response.error.code] ?? 500;
}

function send(res: ServerResponse, response: AgentResponse | { ok: true }, status = 200): void {
  const body = JSON.stringify(response);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function peerOf(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
}

export async function startAgentServer(o: AgentServerOptions): Promise<AgentServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const peer = peerOf(req);
    const route = (req.url ?? '').split('?')[0];
    const refuse = (code: ErrorCode, message: string, field: string, status?: number) => {
      const response = o.processor.refuse(new OneKitError(code, message, { field }), peer);
      send(res, response, status ?? statusOf(response));
    };
    if (route === AGENT_HEALTH_PATH && req.method === 'GET') return send(res, { ok: true });
    if (route !== AGENT_OP_PATH) return refuse('AGENT_REQUEST', `no route ${route}`, 'path', 404);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse('AGENT_REQUEST', `${AGENT_OP_PATH} takes POST`, 'method', 405);
    }
    const token = bearerToken(req.headers.authorization);
    if (token === undefined || !tokenMatches(o.token, token)) {
      res.setHeader('www-authenticate', 'Bearer');
      return refuse('AGENT_AUTH', 'a valid bearer token is required', 'authorization');
    }
    let body: string;
    try {
      body = await readBody(req, o.maxBodyBytes);
    } catch (err) {
      // The rest of an oversized body is not read: the connection ends with the answer.
      res.setHeader('connection', 'close');
      const error =
        err instanceof OneKitError
          ? err
          : new OneKitError('AGENT_REQUEST', 'the request body cannot be read', { field: 'body' });
      const response = o.processor.refuse(error, peer);
      send(res, response, statusOf(response));
      res.once('finish', () => req.socket.destroy());
      return;
    }
    const response = await o.processor.respond(body, peer);
    send(res, response, statusOf(response));
  };

  const listener = (req: IncomingMessage, res: ServerResponse) =>
    void handle(req, res).catch(() => {
      // Nothing above throws by design; a failure here must still not take the agent down.
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  const server = o.tls
    ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.listenAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = o.listenAddress.includes(':') ? `[${o.listenAddress}]` : o.listenAddress;
  return {
    url: `${o.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
