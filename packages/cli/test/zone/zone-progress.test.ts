import assert from 'node:assert/strict';
import { oneApi, type OneApi } from '../../src/rpc/index.js';
import {
  askZoneServers,
  callOneKit,
  checkZone,
  probeZone,
  readIndex,
  readStateHash,
  readZoneInfo,
  readZoneProgress,
  renderZoneShow,
  showZone,
} from '../../src/zone/index.js';
import { startFakeOned, type FakeOned } from './fake-oned.js';

// OneKit's zone methods as the CLI reads them, and what show, health and check do when the
// server is OpenNebula's oned, which does not define them.

const nobody = 'http://127.0.0.1:9/RPC2';

const answer = {
  SERVER_ID: 1,
  STATE: 3,
  TERM: 7,
  LEADER: 1,
  COMMIT: 120n,
  APPLIED: 119n,
  FIRST_INDEX: 3n,
  LAST_INDEX: 121n,
  VOTERS: [{ ID: 1, NAME: 'fe-1', ENDPOINT: 'http://a/RPC2' }],
  LEARNERS: [],
  FOLLOWERS: [{ ID: 2, MATCH: 90n, NEXT: 91n, REPLICATION: 'probe', ACTIVE: false }],
};

describe('zone/zone-progress', () => {
  it('reads onekit.zone.progress, statehash and the index answers', () => {
    assert.deepEqual(readZoneProgress(answer), {
      serverId: 1,
      state: 3,
      term: 7,
      leader: 1,
      commit: 120n,
      applied: 119n,
      firstIndex: 3n,
      lastIndex: 121n,
      voters: [{ id: 1, name: 'fe-1', endpoint: 'http://a/RPC2' }],
      learners: [],
      followers: [{ id: 2, match: 90n, next: 91n, replication: 'probe', active: false }],
    });
    // Small i8 values may come as plain ints from other servers.
    assert.equal(readZoneProgress({ ...answer, COMMIT: 5 }).commit, 5n);
    assert.deepEqual(readStateHash({ INDEX: -1n, HASH: '' }), { index: -1n, hash: '' });
    assert.equal(readIndex(42n), 42n);
    assert.equal(readIndex(42), 42n);
  });

  it('refuses answers of the wrong shape with XMLRPC_TYPE, naming the member', () => {
    const bad = (value: Parameters<typeof readZoneProgress>[0], field: string) =>
      assert.throws(
        () => readZoneProgress(value),
        (err: { code: string; where: object }) => {
          assert.equal(err.code, 'XMLRPC_TYPE');
          assert.deepEqual(err.where, { field });
          return true;
        },
      );
    bad('<RAFT/>', 'onekit.zone.progress');
    bad({ ...answer, TERM: '7' }, 'TERM');
    bad({ ...answer, COMMIT: 1.5 }, 'COMMIT');
    bad({ ...answer, VOTERS: {} }, 'VOTERS');
    bad({ ...answer, FOLLOWERS: [{ ...answer.FOLLOWERS[0]!, REPLICATION: 1 }] }, 'REPLICATION');
    assert.throws(() => readIndex('1'), { code: 'XMLRPC_TYPE' });
    assert.throws(() => readStateHash([]), { code: 'XMLRPC_TYPE' });
  });

  describe('against an oned, which does not define them', () => {
    let oned: FakeOned;
    let api: OneApi;

    before(async () => {
      // The zone lists the fake as its leader, and a server where nothing answers.
      oned = await startFakeOned((endpoint) => ({
        'one.zone.info':
          '<ZONE><ID>0</ID><NAME>OpenNebula</NAME><STATE>0</STATE><TEMPLATE><ENDPOINT><![CDATA[' +
          endpoint +
          ']]></ENDPOINT></TEMPLATE><SERVER_POOL>' +
          `<SERVER><ENDPOINT><![CDATA[${endpoint}]]></ENDPOINT><ID><![CDATA[0]]></ID><NAME><![CDATA[fe-0]]></NAME></SERVER>` +
          `<SERVER><ENDPOINT><![CDATA[${nobody}]]></ENDPOINT><ID><![CDATA[1]]></ID><NAME><![CDATA[fe-1]]></NAME></SERVER>` +
          '</SERVER_POOL></ZONE>',
        'one.zone.raftstatus':
          '<RAFT><SERVER_ID>0</SERVER_ID><STATE>3</STATE><TERM>4</TERM><VOTEDFOR>0</VOTEDFOR><COMMIT>9</COMMIT><LOG_INDEX>9</LOG_INDEX><LOG_TERM>4</LOG_TERM><FEDLOG_INDEX>-1</FEDLOG_INDEX></RAFT>',
      }));
      api = oneApi({
        endpoint: oned.endpoint,
        credentials: async () => ({ user: 'oneadmin', password: 'pw' }),
      });
    });
    after(async () => {
      api?.close();
      await oned?.close();
    });

    it('is "not supported" for a fault, and the failure for anything else', async () => {
      const client = await api.client();
      assert.deepEqual(await callOneKit(client, 'onekit.zone.progress', readZoneProgress), {
        ok: false,
        unsupported: true,
        message: 'does not support onekit.zone.progress (not a OneKit daemon)',
      });
      const silent = await callOneKit(
        await api.clientFor(nobody, { timeoutMs: 1000 }),
        'onekit.zone.progress',
        readZoneProgress,
      );
      assert.equal(silent.ok, false);
      assert.equal(!silent.ok && silent.unsupported, false);
      assert.match(!silent.ok ? silent.message : '', /127\.0\.0\.1:9/);
      // A server whose endpoint is no URL (a zone ENDPOINT of "-") is a failure too.
      const nowhere = await callOneKit(
        api.clientFor('-', { timeoutMs: 1000 }),
        'onekit.zone.progress',
        readZoneProgress,
      );
      assert.deepEqual(nowhere, {
        ok: false,
        unsupported: false,
        message: 'endpoint "-" is not a URL',
      });
    });

    it('show keeps only the warnings raftstatus gives', async () => {
      const show = await showZone(api, 0, { warnings: true });
      assert.deepEqual(
        show.warnings.map((w) => [w.kind, w.serverId]),
        [['no-answer', 1]],
      );
      assert.ok(oned.calls.includes('onekit.zone.progress'), 'the leader was asked');
      assert.match(
        renderZoneShow(show, { color: false }),
        /FED_INDEX\n 0 fe-0 .*\n 1 fe-1 .*\nWARNING: server 1 \(fe-1\) did not answer at http:\/\/127\.0\.0\.1:9\/RPC2\n\nZONE TEMPLATE/,
      );
      const quiet = await showZone(api, 0, { warnings: false });
      assert.deepEqual(quiet.warnings, []);
    });

    it('health and check say the servers do not support them', async () => {
      const zone = await readZoneInfo(api, 0);
      const answers = await askZoneServers(api, zone);
      assert.equal(answers.leader, undefined);
      assert.deepEqual(
        answers.servers.map((s) => [s.id, !s.answer.ok && s.answer.unsupported]),
        [
          [0, true],
          [1, false],
        ],
      );
      const probe = await probeZone(api, oned.endpoint, { timeoutMs: 1000, now: () => 0 });
      assert.deepEqual(probe, {
        endpoint: oned.endpoint,
        ok: false,
        index: null,
        latencyMs: null,
        error: 'does not support onekit.zone.probe (not a OneKit daemon)',
      });
      const check = await checkZone(api, zone, answers, {
        deadlineMs: 1000,
        clock: { now: () => 0, sleep: async () => assert.fail('nothing to wait for') },
      });
      assert.equal(check.consistent, false);
      assert.equal(check.index, null);
      assert.equal(
        check.error,
        `${oned.endpoint}: does not support onekit.zone.statecheck (not a OneKit daemon)`,
      );
    });
  });
});
