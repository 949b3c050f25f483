import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { agentCall } from '../support/agent-client.js';
import { until } from '../support/until.js';
import {
  AgentRoot,
  selfSignedCertificate,
  TEST_SERVICE,
  type AgentProcess,
} from '../support/agent-root.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('process/serve (onekit-agent serve)', () => {
  describe('on two loopback hosts', () => {
    let first: AgentRoot;
    let second: AgentRoot;
    let one: AgentProcess;
    let two: AgentProcess;

    before(async () => {
      first = await AgentRoot.create({ host: '127.0.0.2' });
      second = await AgentRoot.create({ host: '127.0.0.3' });
      [one, two] = await Promise.all([first.start(['--log-stderr']), second.start()]);
    });
    after(async () => {
      await first.remove();
      await second.remove();
    });

    it('listens where configured and creates its token 0600', async () => {
      assert.equal(one.url, `http://127.0.0.2:${first.port}`);
      assert.equal(two.url, `http://127.0.0.3:${second.port}`);
      assert.match(one.token, /^[0-9a-f]{64}$/);
      assert.notEqual(one.token, two.token);
      assert.equal((await stat(first.tokenFile)).mode & 0o777, 0o600);
      assert.deepEqual((await agentCall(one.url, { method: 'GET', path: '/v1/health' })).body, {
        ok: true,
      });
    });

    it("serves its own root and refuses the other host's token", async () => {
      const paths = await agentCall(two.url, { token: two.token, request: { op: 'paths' } });
      assert.equal((paths.body.result as { etc: string }).etc, second.paths.etc);
      const refused = await agentCall(two.url, { token: one.token, request: { op: 'paths' } });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error!.code, 'AGENT_AUTH');
    });

    it('refuses a body declared over 64 MiB before reading it', async () => {
      const reply = await agentCall(one.url, {
        token: one.token,
        request: '{}',
        headers: { 'content-length': String(64 * 1024 * 1024 + 1) },
      });
      assert.equal(reply.status, 413);
      assert.deepEqual(reply.body.error!.where, { field: 'body' });
    });

    it('logs one line per request, without the token or file content', async () => {
      const secret = 'one_auth oneadmin:hunter2';
      const file = `${first.paths.etc}/secret.conf`;
      await agentCall(one.url, {
        token: one.token,
        request: { op: 'write-file', params: { path: file, content: b64(secret) } },
      });
      await agentCall(one.url, {
        token: one.token,
        request: { op: 'read-file', params: { path: file } },
      });
      await agentCall(one.url, { token: 'wrong', request: { op: 'paths' } });
      // Lines of earlier requests (one refused before its body was read) may land after
      // these: find each line rather than counting from the end.
      const log = await until(
        async () => {
          const text = await readFile(first.logFile, 'utf8');
          return text.includes('outcome=AGENT_AUTH') && text;
        },
        { what: 'the refused request in the log' },
      );
      const lines = log.trimEnd().split('\n');
      const lineOf = (pattern: RegExp) => {
        const found = lines.filter((line) => pattern.test(line));
        assert.equal(found.length, 1, `one line matching ${pattern}`);
        return lines.indexOf(found[0]!);
      };
      const written = lineOf(
        new RegExp(`peer=127\\.0\\.0\\.1:\\d+ op=write-file path=${file} outcome=ok`),
      );
      const read = lineOf(/ op=read-file path=\S+secret\.conf outcome=ok /);
      const refused = lineOf(/ op=- outcome=AGENT_AUTH /);
      assert.ok(written < read && read < refused, 'one line per request, in request order');
      for (const text of [log, one.stderr]) {
        assert.ok(!text.includes(one.token), 'no token');
        assert.ok(!text.includes('hunter2') && !text.includes(b64(secret)), 'no content');
      }
      assert.ok(one.stderr.includes(lines[refused]!), '--log-stderr echoes the lines');
    });

    it('stops on SIGTERM, exiting 0 and stopping the services it started', async () => {
      const started = await agentCall(two.url, {
        token: two.token,
        request: { op: 'service', params: { action: 'start', name: TEST_SERVICE } },
      });
      assert.equal((started.body.result as { active: boolean }).active, true);
      const pid = second.servicePid(TEST_SERVICE)!;
      const result = await two.stop('SIGTERM');
      assert.equal(result.code, 0, result.stderr);
      // The service has exited; init reaps it once the agent is gone (a moment later).
      await until(() => gone(pid), { what: `service pid ${pid} gone` });
    });
  });

  describe('with TLS', () => {
    let dir: string;
    let root: AgentRoot;
    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-tls-'));
      root = await AgentRoot.create({
        host: '127.0.0.2',
        tls: selfSignedCertificate(dir, '127.0.0.2'),
      });
    });
    after(async () => {
      await root.remove();
      await rm(dir, { recursive: true, force: true });
    });

    it('serves HTTPS with the configured certificate', async () => {
      const agent = await root.start();
      assert.equal(agent.url, `https://127.0.0.2:${root.port}`);
      const ca = await readFile(path.join(dir, '127.0.0.2.crt'), 'utf8');
      const reply = await agentCall(agent.url, {
        token: agent.token,
        ca,
        request: { op: 'paths' },
      });
      assert.equal(reply.body.ok, true);
      await assert.rejects(agentCall(agent.url, { token: agent.token, request: { op: 'paths' } }), {
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });
    });
  });

  describe('failing to start', () => {
    let root: AgentRoot;
    before(async () => {
      root = await AgentRoot.create({ host: '127.0.0.2' });
    });
    after(() => root.remove());

    it('names the file, line and key of a bad config and exits 1', async () => {
      await writeFile(root.configFile, 'port: 1\ntls:\n  cert: relative.crt\n  key: /k\n');
      const result = await root.run(['serve']);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        new RegExp(`^onekit-agent: ${root.configFile}:3: tls\\.cert: must be an absolute path`),
      );
    });

    it('says which address it cannot listen on', async () => {
      root.writeConfig();
      const agent = await root.start();
      try {
        const result = await root.run(['serve']);
        assert.equal(result.code, 1);
        assert.match(result.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.2:${root.port}`));
      } finally {
        await agent.stop();
      }
    });

    it('answers --version and --help, and refuses unknown modes', async () => {
      const manifest = JSON.parse(
        await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
      ) as {
        version: string;
      };
      assert.deepEqual(await root.run(['--version']), {
        code: 0,
        signal: null,
        stdout: `onekit-agent ${manifest.version}\n`,
        stderr: '',
      });
      assert.match((await root.run(['--help'])).stdout, /^Usage: onekit-agent serve/);
      const unknown = await root.run(['daemonize']);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /unknown mode daemonize/);
      assert.equal((await root.run(['once', '--bogus'])).code, 1);
    });
  });
});

/** The process no longer exists (kill(pid, 0) finds nothing). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
