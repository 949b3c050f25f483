import assert from 'node:assert/strict';
import { DaemonRoot, type DaemonProcess } from '../../../daemon/test/support/daemon-root.js';
import { oneApi, type OneApi } from '../../src/rpc/index.js';
import {
  probeEach,
  renderZoneShow,
  unknownRaftStatus,
  zoneRows,
  zoneShowFromXml,
  zoneTable,
  zoneView,
} from '../../src/zone/index.js';
import { renderTable } from '../../src/table/index.js';

// Rendering from ZONE documents, with the Raft status of each server asked of a real
// daemon (a solo server) or of an endpoint where nothing answers.

const nobody = 'http://127.0.0.1:9/RPC2';

function zoneXml(servers: Array<{ id: number; name: string; endpoint: string }>): string {
  const pool = servers
    .map(
      (s) =>
        `<SERVER><ENDPOINT><![CDATA[${s.endpoint}]]></ENDPOINT><ID><![CDATA[${s.id}]]></ID><NAME><![CDATA[${s.name}]]></NAME></SERVER>`,
    )
    .join('');
  return (
    '<ZONE><ID>100</ID><NAME>east</NAME><STATE>1</STATE><TEMPLATE>' +
    '<DESCRIPTION><![CDATA[say "hi"]]></DESCRIPTION><ENDPOINT><![CDATA[http://10.0.0.1:2633/RPC2]]></ENDPOINT>' +
    `</TEMPLATE><SERVER_POOL>${pool}</SERVER_POOL></ZONE>`
  );
}

describe('zone/zone-show', function () {
  this.timeout(60_000);
  let root: DaemonRoot;
  let daemon: DaemonProcess;
  let api: OneApi;
  let endpoint: string;

  before(async () => {
    root = await DaemonRoot.create();
    daemon = await root.start();
    endpoint = `http://${root.host}:${root.port}/RPC2`;
    api = oneApi({
      endpoint,
      credentials: async () => {
        const [user, password] = root.session.split(':') as [string, string];
        return { user, password };
      },
    });
  });
  after(async () => {
    api?.close();
    await daemon?.stop();
    root?.remove();
  });

  it('asks each server for its Raft status: a solo server, and "-" where nothing answers', async () => {
    const statuses = await probeEach(api, [endpoint, nobody, endpoint]);
    assert.equal(statuses.size, 2);
    assert.deepEqual(statuses.get(endpoint), {
      STATE: '0',
      TERM: '0',
      VOTEDFOR: '-1',
      COMMIT: '0',
      LOG_INDEX: '-1',
      FEDLOG_INDEX: '-1',
    });
    assert.deepEqual(statuses.get(nobody), unknownRaftStatus);
  });

  it('shows the servers and the HA & FEDERATION SYNC STATUS table', async () => {
    const xml = zoneXml([
      { id: 0, name: 'fe-1', endpoint },
      { id: 1, name: 'fe-2', endpoint: nobody },
    ]);
    const show = await zoneShowFromXml(xml, (endpoints) => probeEach(api, endpoints));
    const row = (cells: Array<[string, number, boolean?]>) =>
      cells
        .map(([t, n, right]) => (right ? t.padStart(n) : t.padEnd(n)))
        .join(' ')
        .trimEnd();
    assert.equal(
      renderZoneShow(show, { color: false }),
      'ZONE 100 INFORMATION'.padEnd(80) +
        '\n' +
        'ID                : 100                 \n' +
        'NAME              : east                \n' +
        'STATE             : DISABLED            \n' +
        '\n\n' +
        'ZONE SERVERS'.padEnd(80) +
        '\n' +
        'ID NAME            ENDPOINT\n' +
        `${row([
          ['0', 2, true],
          ['fe-1', 15],
          [endpoint, 63],
        ])}\n` +
        `${row([
          ['1', 2, true],
          ['fe-2', 15],
          [nobody, 63],
        ])}\n` +
        '\n' +
        'HA & FEDERATION SYNC STATUS'.padEnd(80) +
        '\n' +
        'ID NAME            STATE      TERM       INDEX      COMMIT     VOTE  FED_INDEX\n' +
        ' 0 fe-1            solo       0          -1         0          -1    -1\n' +
        ' 1 fe-2            error      -          -          -          -     -\n' +
        '\n' +
        'ZONE TEMPLATE'.padEnd(80) +
        '\n' +
        'DESCRIPTION="say \\"hi\\""\n' +
        'ENDPOINT="http://10.0.0.1:2633/RPC2"\n',
    );
    // -x and --json carry the status inside each SERVER.
    assert.match(
      show.xml,
      /<SERVER><ENDPOINT><!\[CDATA\[http:\/\/127\.0\.0\.1:9\/RPC2\]\]><\/ENDPOINT><ID><!\[CDATA\[1\]\]><\/ID><NAME><!\[CDATA\[fe-2\]\]><\/NAME><STATE>-<\/STATE><TERM>-<\/TERM><VOTEDFOR>-<\/VOTEDFOR><COMMIT>-<\/COMMIT><LOG_INDEX>-<\/LOG_INDEX><FEDLOG_INDEX>-<\/FEDLOG_INDEX><\/SERVER><\/SERVER_POOL><\/ZONE>$/,
    );
    const servers = (show.document['ZONE'] as { SERVER_POOL: { SERVER: unknown[] } }).SERVER_POOL
      .SERVER;
    assert.deepEqual(servers[0], {
      ENDPOINT: endpoint,
      ID: 0,
      NAME: 'fe-1',
      STATE: 0,
      TERM: 0,
      VOTEDFOR: -1,
      COMMIT: 0,
      LOG_INDEX: -1,
      FEDLOG_INDEX: -1,
    });
  });

  it('leaves both server tables out for a zone without servers, as upstream', async () => {
    const show = await zoneShowFromXml(zoneXml([]), () => assert.fail('no server to probe'));
    const text = renderZoneShow(show, { color: false });
    assert.doesNotMatch(text, /ZONE SERVERS|HA & FEDERATION/);
    assert.equal(show.xml, zoneXml([]));
  });

  it("lists zones with CURRENT and FED_INDEX from each zone's endpoint", async () => {
    const own = zoneView({ ID: 0, NAME: 'OpenNebula', STATE: 0, TEMPLATE: { ENDPOINT: endpoint } });
    const other = zoneView({
      ID: 100,
      NAME: 'a-rather-long-zone-name',
      STATE: 1,
      TEMPLATE: { ENDPOINT: nobody },
    });
    const rows = await zoneRows(api, [own, other]);
    assert.equal(
      renderTable(rows, zoneTable, { color: false }),
      'C   ID NAME            ENDPOINT                                      FED_INDEX  STAT\n' +
        `*    0 OpenNebula      ${endpoint.padEnd(45)} -1         on\n` +
        `   100 a-rather-long-z ${nobody.padEnd(45)} -          off\n`,
    );
    const colored = renderTable(rows, zoneTable, { color: true });
    assert.ok(colored.includes('\u001b[32mon\u001b[0m'), colored);
  });
});
