import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  nodeLocalRules,
  planServerSync,
  syncList,
  type HostSide,
  type PlanInput,
} from '../../src/serversync/index.js';
import type { HostFile } from '../../src/transport/index.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function file(path: string, content: string, o: Partial<HostFile> = {}): HostFile {
  return {
    path,
    kind: 'file',
    size: content.length,
    mode: 0o640,
    uid: 0,
    gid: 9869,
    sha256: sha(content),
    ...o,
  };
}

const onedConf = (serverId: number, extra = '') =>
  `PORT = 2633\n${extra}FEDERATION = [ MODE = "MASTER", ZONE_ID = 0, SERVER_ID = ${serverId} ]\n`;

function side(host: string, files: HostFile[], conf?: string): HostSide {
  const all = conf === undefined ? files : [file('oned.conf', conf), ...files];
  return {
    host,
    etc: `/${host}/etc`,
    files: all,
    ...(conf === undefined ? {} : { onedConf: conf }),
  };
}

function plan(here: HostSide, there: HostSide, o: Partial<PlanInput> = {}) {
  return planServerSync({
    list: syncList('7'),
    here,
    there,
    rules: nodeLocalRules({ keepHa: false }),
    delete: false,
    ...o,
  });
}

const rows = (p: ReturnType<typeof plan>) =>
  p.files.map((f) => `${f.path} ${f.status.join(',')} ${f.action}`);

describe('serversync/plan', () => {
  it('gives each synced file its status and action, in list order', () => {
    const here = side(
      'fe1',
      [
        file('monitord.conf', 'a'),
        file('oneflow-server.conf', 'same'),
        file('onegate-server.conf', 'g', { mode: 0o600 }),
        file('auth/a.conf', 'x', { uid: 1000 }),
        file('auth/extra.conf', 'e'),
        file('hm/hook.rb', 'old', { mode: 0o755 }),
        file('unrelated.conf', '1'),
        file('onekit-agent.yaml', 'me'),
      ],
      onedConf(0),
    );
    const there = side(
      'fe2',
      [
        file('monitord.conf', 'b'),
        file('oneflow-server.conf', 'same'),
        file('onegate-server.conf', 'g'),
        file('auth/a.conf', 'x'),
        file('auth/new.conf', 'n'),
        file('hm/hook.rb', 'new'),
        file('unrelated.conf', '2'),
        file('onekit-agent.yaml', 'them'),
      ],
      onedConf(1),
    );
    const p = plan(here, there);
    assert.deepEqual(rows(p), [
      'oned.conf same none',
      'monitord.conf differs write',
      'oneflow-server.conf same none',
      'onegate-server.conf mode-differs write',
      'auth/a.conf owner-differs write',
      'auth/extra.conf only-here keep',
      'auth/new.conf only-there write',
      'hm/hook.rb differs,mode-differs write',
    ]);
    assert.deepEqual(p.services, ['opennebula', 'opennebula-gate']);
    assert.equal(p.inSync, false);
    assert.deepEqual(p.zones, { here: 0, there: 0 });
    assert.equal(p.refusal, undefined);
    assert.deepEqual(p.here, { host: 'fe1', etc: '/fe1/etc' });
  });

  it('is in sync when only node-local keys differ and extra local files are kept', () => {
    const here = side(
      'fe1',
      [file('auth/mine', 'm')],
      onedConf(0, 'LISTEN_ADDRESS = "10.0.0.1"\n'),
    );
    const there = side('fe2', [], onedConf(2, 'LISTEN_ADDRESS = "10.0.0.2"\n'));
    const p = plan(here, there);
    assert.deepEqual(rows(p), ['oned.conf same none', 'auth/mine only-here keep']);
    assert.equal(p.inSync, true);
    assert.deepEqual(p.services, []);
  });

  it('compares oned.conf without its node-local keys, and RAFT only with --keep-ha', () => {
    const here = side('fe1', [], onedConf(0, 'RAFT = [ ELECTION_TIMEOUT_MS = 9000 ]\n'));
    const there = side('fe2', [], onedConf(1, 'RAFT = [ ELECTION_TIMEOUT_MS = 5000 ]\n'));
    assert.deepEqual(rows(plan(here, there)), ['oned.conf differs write']);
    assert.deepEqual(rows(plan(here, there, { rules: nodeLocalRules({ keepHa: true }) })), [
      'oned.conf same none',
    ]);
  });

  it('removes files only here from synced folders with --delete, never listed files', () => {
    const here = side('fe1', [file('auth/extra', 'e'), file('monitord.conf', 'm')], onedConf(0));
    const there = side('fe2', [], onedConf(0));
    const p = plan(here, there, { delete: true });
    assert.deepEqual(rows(p), [
      'oned.conf same none',
      'monitord.conf only-here keep',
      'auth/extra only-here remove',
    ]);
    assert.deepEqual(p.services, ['opennebula']);
  });

  it('reports symbolic links but leaves them alone', () => {
    const link = (target: string): Partial<HostFile> => ({
      kind: 'symlink',
      target,
      sha256: sha(target),
    });
    const here = side('fe1', [file('hm/l', '', link('a'))], onedConf(0));
    const there = side(
      'fe2',
      [file('hm/l', '', link('b')), file('hm/m', '', link('c'))],
      onedConf(0),
    );
    const p = plan(here, there);
    assert.deepEqual(rows(p), ['oned.conf same none', 'hm/l differs skip', 'hm/m only-there skip']);
    assert.equal(p.inSync, false);
    assert.deepEqual(p.services, []);
  });

  it('would refuse servers of different zones, and hosts without oned.conf', () => {
    const zone = (id: number) =>
      `FEDERATION = [ MODE = "SLAVE", ZONE_ID = ${id}, MASTER_ONED = "http://m:2633/RPC2" ]\n`;
    const p = plan(side('fe1', [], zone(100)), side('fe2', [], zone(101)));
    assert.deepEqual(p.zones, { here: 100, there: 101 });
    assert.match(p.refusal!, /zone 101 .* zone 100/);
    assert.match(
      plan(side('fe1', []), side('fe2', [], zone(1))).refusal!,
      /this host has no oned\.conf/,
    );
    assert.match(plan(side('fe1', [], zone(1)), side('fe2', [])).refusal!, /fe2 has no oned\.conf/);
    // STANDALONE is zone 0 whatever ZONE_ID says, as oned reads it.
    const standalone = 'FEDERATION = [ MODE = "STANDALONE", ZONE_ID = 7 ]\n';
    assert.equal(
      plan(side('fe1', [], standalone), side('fe2', [], 'PORT = 1\n')).refusal,
      undefined,
    );
  });

  it('fails on an oned.conf that does not load, naming the file', () => {
    assert.throws(() => plan(side('fe1', [], 'PORT = 1\n'), side('fe2', [], 'PORT = x\n')), {
      code: 'CONFIG_INVALID',
      where: { file: 'fe2:/fe2/etc/oned.conf', line: 1, column: 1, field: 'PORT' },
    });
  });
});
