// The checks a server of a federation makes before it starts, each refusing with oned's
// message: an unbootstrapped database, a slave without the master's federated tables or
// with them at another version, a slave without MASTER_ONED, and CACHE mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { OnedConfig } from '@onekit/core';
import { openRootDatabase } from '../support/daemon-backends.js';
import { DaemonRoot } from '../support/daemon-root.js';
import { SHARED_DB_VERSION } from '../../src/version/index.js';

const slave = (c: OnedConfig): void => {
  c.federation = {
    ...c.federation,
    mode: 'SLAVE',
    zoneId: 100,
    masterOned: 'http://127.0.0.1:1/RPC2',
  };
};

async function refusal(root: DaemonRoot): Promise<string> {
  const result = await root.run();
  assert.equal(result.code, 1, result.stdout);
  return result.stderr;
}

async function setSharedVersion(root: DaemonRoot, version: string | undefined): Promise<void> {
  const db = await openRootDatabase(root);
  try {
    await db.transaction(async (tx) => {
      await tx.run({ op: 'delete', table: 'db_versioning', where: { oid: { ge: 0 } } });
      if (version !== undefined) {
        await tx.run({
          op: 'insert',
          table: 'db_versioning',
          row: { oid: 0, version, timestamp: 0, comment: 'test' },
        });
      }
    });
  } finally {
    await db.close();
  }
}

describe('federation start checks', function () {
  this.timeout(60_000);
  let bootstrapped: DaemonRoot;

  before(async () => {
    bootstrapped = await DaemonRoot.create();
    await (await bootstrapped.start()).stop();
    bootstrapped.writeConf({ conf: slave });
  });
  after(() => bootstrapped?.remove());

  it('refuses to bootstrap a database outside STANDALONE', async () => {
    for (const mode of ['SLAVE', 'MASTER'] as const) {
      const root = await DaemonRoot.create({
        conf: (c) => {
          slave(c);
          c.federation.mode = mode;
        },
      });
      assert.match(
        await refusal(root),
        /Database has to be bootstraped to start oned in FEDERATION/,
      );
      root.remove();
    }
  });

  it('refuses a slave without the federated tables', async () => {
    await setSharedVersion(bootstrapped, undefined);
    assert.match(
      await refusal(bootstrapped),
      /Cannot access shared DB tables\. Check DB replica configuration\./,
    );
  });

  it('refuses a slave whose federated tables are at another version', async () => {
    await setSharedVersion(bootstrapped, '5.0.0');
    assert.match(
      await refusal(bootstrapped),
      /Cannot join federation, oned master needs upgrade\./,
    );
    await setSharedVersion(bootstrapped, '99.0.0');
    assert.match(await refusal(bootstrapped), /Cannot join federation, this slave needs upgrade/);
    await setSharedVersion(bootstrapped, SHARED_DB_VERSION);
  });

  it('refuses a slave without MASTER_ONED and CACHE mode', async () => {
    const root = await DaemonRoot.create({
      conf: (c) => {
        slave(c);
        c.federation.masterOned = '';
        c.federation.masterOnedGrpc = 'http://127.0.0.1:1';
      },
    });
    assert.match(await refusal(root), /FEDERATION\/MASTER_ONED/);
    root.writeConf({ conf: (c) => void (c.federation.mode = 'CACHE') });
    assert.match(await refusal(root), /FEDERATION\/MODE CACHE is not supported/);
    root.remove();
  });
});
