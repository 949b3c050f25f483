import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolvePaths } from '@onekit/core';
import { defaultAgentConfig } from '../../src/config/index.js';
import { startAgentServer, type AgentServer } from '../../src/http/index.js';
import type { RequestLogEntry } from '../../src/log/index.js';
import { createHostOperations, RequestProcessor } from '../../src/operations/index.js';

const TOKEN = 'a'.repeat(64);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { ok: boolean; result?: unknown; error?: { code: string; where: Record<string, unknown> } };
}

function call(
  url: string,
  o: {
    method?: string;
    path?: string;
    token?: string;
    body?: string;
    headers?: Record<string, string>;
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${o.path ?? '/v1/op'}`,
      {
        method: o.method ?? 'POST',
        headers: {
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...o.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: JSON.parse(text) as Reply['body'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('http/agent-server', () => {
  let dir: string;
  let server: AgentServer;
  const logged: RequestLogEntry[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-http-'));
    const paths = resolvePaths({ oneLocation: dir });
    await mkdir(paths.etc, { recursive: true });
    await writeFile(path.join(paths.etc, 'a.conf'), 'A');
    const host = await createHostOperations({
      paths,
      config: { ...defaultAgentConfig(paths), serviceManager: 'supervisor' },
      env: {},
      runner: async () => assert.fail('no command expected'),
      clock: { now: () => new Date(0), monotonic: () => 0 },
      report: () => undefined,
    });
    server = await startAgentServer({
      listenAddress: '127.0.0.1',
      port: 0,
      token: TOKEN,
      processor: new RequestProcessor({
        operations: host.operations,
        log: { write: (entry) => logged.push(entry), close: async () => undefined },
        clock: { now: () => new Date(0), monotonic: () => 0 },
      }),
      maxBodyBytes: 1024,
    });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => (logged.length = 0));

  it('answers health without a token', async () => {
    const reply = await call(server.url, { method: 'GET', path: '/v1/health' });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { ok: true });
  });

  it('carries out an operation for the right token, and logs it', async () => {
    const body = JSON.stringify({ op: 'read-file', params: { path: `${dir}/etc/a.conf` } });
    const reply = await call(server.url, { token: TOKEN, body });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      ok: true,
      result: { content: Buffer.from('A').toString('base64') },
    });
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.op, 'read-file');
    assert.equal(logged[0]!.outcome, 'ok');
  });

  it('refuses a missing or wrong token with 401, and logs the refusal', async () => {
    const body = JSON.stringify({ op: 'paths' });
    for (const token of [undefined, 'b'.repeat(64), TOKEN.slice(1)]) {
      const reply = await call(server.url, { ...(token ? { token } : {}), body });
      assert.equal(reply.status, 401);
      assert.equal(reply.headers['www-authenticate'], 'Bearer');
      assert.equal(reply.body.error!.code, 'AGENT_AUTH');
    }
    assert.deepEqual(
      logged.map((entry) => entry.outcome),
      ['AGENT_AUTH', 'AGENT_AUTH', 'AGENT_AUTH'],
    );
  });

  it('refuses bodies over the limit with 413, declared or not', async () => {
    const big = JSON.stringify({ op: 'paths', params: { pad: 'x'.repeat(2000) } });
    const declared = await call(server.url, { token: TOKEN, body: big });
    assert.equal(declared.status, 413);
    assert.deepEqual(declared.body.error, {
      code: 'AGENT_REQUEST',
      message: 'the request is larger than 1024 bytes',
      where: { field: 'body' },
    });
    const chunked = await call(server.url, {
      token: TOKEN,
      body: big,
      headers: { 'transfer-encoding': 'chunked' },
    });
    assert.equal(chunked.status, 413);
  });

  it('answers malformed requests and unknown operations with 400', async () => {
    const unknown = await call(server.url, { token: TOKEN, body: '{"op":"reboot"}' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.error!.where, { field: 'op' });
    const broken = await call(server.url, { token: TOKEN, body: '{' });
    assert.equal(broken.status, 400);
  });

  it('answers refused paths with 403 and failed operations with 500', async () => {
    const refused = await call(server.url, {
      token: TOKEN,
      body: JSON.stringify({ op: 'read-file', params: { path: '/etc/passwd' } }),
    });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body.error!.where, { file: '/etc/passwd' });
    const missing = await call(server.url, {
      token: TOKEN,
      body: JSON.stringify({ op: 'read-file', params: { path: `${dir}/etc/none` } }),
    });
    assert.equal(missing.status, 500);
    assert.equal(missing.body.error!.code, 'HOST_FILE');
  });

  it('answers other routes with 404 and other methods with 405', async () => {
    assert.equal((await call(server.url, { path: '/v2/op', token: TOKEN })).status, 404);
    const get = await call(server.url, { method: 'GET', token: TOKEN });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
  });
});
