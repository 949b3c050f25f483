// Builds ZONE and ZONE_POOL documents as oned writes them (reference §2.3), validates
// them against OpenNebula's schemas and reads them back.
import assert from 'node:assert/strict';
import { readXmlDocument } from '../../src/xml/reader.js';
import { element, renderXml, vectorElement, type XmlElement } from '../../src/xml/writer.js';
import { validateAgainstXsd, withOpenNebulaNamespace, xsdErrors } from '../support/xsd.js';

interface Server {
  id: number;
  name: string;
  endpoint: string;
}

function zoneElement(id: number, name: string, endpoint: string, servers: Server[]): XmlElement {
  return element('ZONE', [
    element('ID', id),
    element('NAME', name),
    element('STATE', 0),
    vectorElement('TEMPLATE', { ENDPOINT: endpoint }),
    element(
      'SERVER_POOL',
      servers.map((s) => vectorElement('SERVER', { NAME: s.name, ID: s.id, ENDPOINT: s.endpoint })),
    ),
  ]);
}

const servers: Server[] = [
  { id: 0, name: 'fe1', endpoint: 'http://10.0.0.1:2633/RPC2' },
  { id: 1, name: 'fe2 & <co>', endpoint: 'http://10.0.0.2:2633/RPC2' },
];

const readOptions = {
  arrays: ['ZONE_POOL/ZONE', 'ZONE/SERVER_POOL/SERVER'],
  numbers: ['ZONE/ID', 'ZONE/STATE', 'SERVER/ID'],
};

describe('xml/zone document', function () {
  this.timeout(60_000);

  it('writes a ZONE as oned does: CDATA template and servers, sorted server fields', () => {
    assert.equal(
      renderXml(zoneElement(0, 'OpenNebula', 'http://localhost:2633/RPC2', servers.slice(0, 1))),
      '<ZONE><ID>0</ID><NAME>OpenNebula</NAME><STATE>0</STATE>' +
        '<TEMPLATE><ENDPOINT><![CDATA[http://localhost:2633/RPC2]]></ENDPOINT></TEMPLATE>' +
        '<SERVER_POOL><SERVER><ENDPOINT><![CDATA[http://10.0.0.1:2633/RPC2]]></ENDPOINT>' +
        '<ID><![CDATA[0]]></ID><NAME><![CDATA[fe1]]></NAME></SERVER></SERVER_POOL></ZONE>',
    );
  });

  it('validates against zone.xsd and reads back', async () => {
    const xml = renderXml(zoneElement(100, 'east', 'http://vip:2633/RPC2', servers));
    await validateAgainstXsd(xml, 'zone.xsd');
    assert.deepEqual(readXmlDocument(xml, { root: 'ZONE', ...readOptions }), {
      ZONE: {
        ID: 100,
        NAME: 'east',
        STATE: 0,
        TEMPLATE: { ENDPOINT: 'http://vip:2633/RPC2' },
        SERVER_POOL: {
          SERVER: [
            { ENDPOINT: 'http://10.0.0.1:2633/RPC2', ID: 0, NAME: 'fe1' },
            { ENDPOINT: 'http://10.0.0.2:2633/RPC2', ID: 1, NAME: 'fe2 & <co>' },
          ],
        },
      },
    });
  });

  it('validates a zone without servers and a ZONE_POOL, and reads them back', async () => {
    const solo = renderXml(zoneElement(0, 'OpenNebula', 'http://localhost:2633/RPC2', []));
    assert.match(solo, /<SERVER_POOL\/>/);
    await validateAgainstXsd(solo, 'zone.xsd');
    const pool = renderXml(
      element('ZONE_POOL', [
        zoneElement(0, 'OpenNebula', 'http://localhost:2633/RPC2', []),
        zoneElement(100, 'east', 'http://vip:2633/RPC2', servers.slice(0, 1)),
      ]),
    );
    await validateAgainstXsd(pool, 'zone_pool.xsd');
    const read = readXmlDocument(pool, { root: 'ZONE_POOL', ...readOptions }) as {
      ZONE_POOL: { ZONE: { ID: number; SERVER_POOL: { SERVER: unknown[] } }[] };
    };
    assert.deepEqual(
      read.ZONE_POOL.ZONE.map((z) => [z.ID, z.SERVER_POOL.SERVER.length]),
      [
        [0, 0],
        [100, 1],
      ],
    );
  });

  it('reports what the schema refuses, readably', async () => {
    const missingState = renderXml(
      element('ZONE', [
        element('ID', 0),
        element('NAME', 'x'),
        vectorElement('TEMPLATE', { ENDPOINT: 'e' }),
      ]),
    );
    const errors = await xsdErrors(missingState, 'zone.xsd');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^line 1: .*TEMPLATE.*STATE/);
    await assert.rejects(
      validateAgainstXsd(missingState, 'zone.xsd'),
      /does not validate against zone\.xsd/,
    );
    await assert.rejects(xsdErrors(missingState, 'nope.xsd'), /no schema nope\.xsd/);
  });

  it('adds the namespace after the declaration and comments', () => {
    assert.equal(
      withOpenNebulaNamespace('<?xml version="1.0"?><!-- <X> --><ZONE><ID>0</ID></ZONE>'),
      '<?xml version="1.0"?><!-- <X> --><ZONE xmlns="http://opennebula.org/XMLSchema"><ID>0</ID></ZONE>',
    );
  });
});
