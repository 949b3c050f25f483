import assert from 'node:assert/strict';
import { startCliDaemon, type CliDaemon } from '../../process/daemon-fixture.js';

// `oneacl` as a process against a real daemon.

describe('commands/oneacl (processes)', function () {
  this.timeout(60_000);
  let d: CliDaemon;
  before(async () => {
    d = await startCliDaemon();
  });
  after(() => d?.stop());

  const oneacl = (args: string[]) => d.run('oneacl', args);

  it('lists the bootstrap rules as oneacl prints them', async () => {
    const result = await oneacl(['list', '-f', 'ID<3']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], '  ID     USER RES_VHNIUTGDCOZSvRMAPtB   RID OPE_UMAC  ZONE');
    assert.ok(
      lines.includes('   0       @1     V--I-T---O-S----P-B     *     ---c     *'),
      result.stdout,
    );
    assert.ok(
      lines.includes('   1        *     ----------Z--------     *     u---     *'),
      result.stdout,
    );
  });

  it('creates rules from the string form and from hex masks, lists and deletes them', async () => {
    const fromText = await oneacl(['create', '@1 DOCUMENT/* CREATE']);
    assert.equal(fromText.status, 0, fromText.stderr);
    const textId = Number(/^ID: (\d+)\n$/.exec(fromText.stdout)![1]);
    // #5 VM+IMAGE/@100 USE+MANAGE in zone #0, as masks.
    const fromHex = await oneacl(['create', '100000005', '9200000064', '3', '100000000']);
    assert.equal(fromHex.status, 0, fromHex.stderr);
    const hexId = Number(/^ID: (\d+)\n$/.exec(fromHex.stdout)![1]);

    const listed = await oneacl(['list', '--csv', '-l', 'ID,STRING', '-f', `ID>=${textId}`]);
    // The server orders rules as oned keeps them (by user), not by id.
    assert.deepEqual(
      listed.stdout.trimEnd().split('\n').sort(),
      [
        `${textId},@1 DOCUMENT/* CREATE #0`,
        `${hexId},#5 VM+IMAGE/@100 USE+MANAGE #0`,
        'ID,STRING',
      ].sort(),
    );
    const json = JSON.parse((await oneacl(['list', '--json'])).stdout);
    const rule = json.ACL_POOL.ACL.find((a: { ID: number }) => a.ID === hexId);
    assert.deepEqual(rule, {
      ID: hexId,
      USER: '100000005',
      RESOURCE: '9200000064',
      RIGHTS: '3',
      ZONE: '100000000',
      STRING: '#5 VM+IMAGE/@100 USE+MANAGE #0',
    });

    assert.deepEqual(await oneacl(['delete', `${textId},${hexId}`, '-v']), {
      status: 0,
      stdout: `ACL ${textId}: deleted\nACL ${hexId}: deleted\n`,
      stderr: '',
    });
    const again = await oneacl(['delete', String(textId)]);
    assert.equal(again.status, 255);
    assert.equal(again.stderr, `[one.acl.delrule] Rule ${textId} does not exist\n`);
  });

  it('refuses a rule it cannot parse before calling, exit 255', async () => {
    assert.deepEqual(await oneacl(['create', '@1 NOTHING/* CREATE']), {
      status: 255,
      stdout: '',
      stderr: 'resource type "NOTHING" does not exist\n',
    });
    const json = await oneacl(['create', '@1 VM/* USE', 'extra', '--json']);
    assert.equal(json.status, 255);
    assert.deepEqual(JSON.parse(json.stderr).error.where, { field: 'rule' });
  });
});
