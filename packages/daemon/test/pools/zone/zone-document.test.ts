import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { Template, templateEquals } from '@onekit/core';
import { templateOf } from '../../../../core/test/template/arbitraries.js';
import {
  bootstrapZone,
  parseZoneBody,
  parseZoneBodyText,
  zonePoolXml,
  zoneStates,
  zoneXml,
  type Zone,
} from '../../../src/pools/zone/index.js';

const zoneName = fc
  .string({ minLength: 1, maxLength: 20 })
  // Names oned accepts, of characters XML can carry.
  .filter(
    (name) =>
      !/[&|:\\";/'#{}$<>\t\n\v\f\r]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 0x20),
  );

const server = fc.record({
  ENDPOINT: fc.webUrl(),
  ID: fc.nat({ max: 9 }).map(String),
  NAME: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
});

const zone: fc.Arbitrary<Zone> = fc.record({
  id: fc.nat({ max: 2 ** 31 - 1 }),
  name: zoneName,
  state: fc.constantFrom(zoneStates.ENABLED, zoneStates.DISABLED),
  template: templateOf(),
  servers: fc.array(server, { maxLength: 3 }),
});

describe('pools/zone/zone-document', () => {
  it('writes zone 0 exactly as oned does', () => {
    assert.equal(
      zoneXml(bootstrapZone('http://localhost:2633/RPC2')),
      '<ZONE><ID>0</ID><NAME>OpenNebula</NAME><STATE>0</STATE><TEMPLATE><ENDPOINT><![CDATA[http://localhost:2633/RPC2]]>' +
        '</ENDPOINT></TEMPLATE><SERVER_POOL></SERVER_POOL></ZONE>',
    );
  });

  it('writes servers with their fields in alphabetical order, as CDATA', () => {
    const xml = zoneXml({
      ...bootstrapZone('e'),
      servers: [{ NAME: 'fe1', ID: '0', ENDPOINT: 'http://fe1:2633/RPC2' }],
    });
    assert.match(
      xml,
      /<SERVER_POOL><SERVER><ENDPOINT><!\[CDATA\[http:\/\/fe1:2633\/RPC2\]\]><\/ENDPOINT><ID><!\[CDATA\[0\]\]><\/ID><NAME><!\[CDATA\[fe1\]\]><\/NAME><\/SERVER><\/SERVER_POOL>/,
    );
  });

  it('reads a body it wrote before as the same record, without parsing it again', () => {
    const z = { ...bootstrapZone('http://fe:2633/RPC2'), name: 'remembered' };
    const body = zoneXml(z);
    assert.equal(parseZoneBody(body), z);
    assert.deepEqual(parseZoneBodyText(body).template.get('ENDPOINT'), 'http://fe:2633/RPC2');
  });

  it('writes an empty pool as an empty element', () => {
    assert.equal(zonePoolXml([]), '<ZONE_POOL></ZONE_POOL>');
  });

  it('reads back every zone it writes (property)', () => {
    fc.assert(
      fc.property(zone, (z) => {
        const back = parseZoneBodyText(zoneXml(z));
        assert.equal(back.id, z.id);
        assert.equal(back.name, z.name);
        assert.equal(back.state, z.state);
        assert.deepEqual(
          back.servers,
          z.servers.map((s) => ({ ...s })),
        );
        assert.ok(templateEquals(back.template, z.template), zoneXml(z));
      }),
    );
  });

  it('keeps a template attribute called SERVER_POOL apart from the pool', () => {
    const z: Zone = {
      ...bootstrapZone('e'),
      template: new Template().addSingle('ENDPOINT', 'e').addVector('SERVER_POOL', { SERVER: 'x' }),
      servers: [{ ENDPOINT: 'http://a', ID: '0', NAME: 'a' }],
    };
    const back = parseZoneBodyText(zoneXml(z));
    assert.deepEqual(back.servers, z.servers);
    assert.ok(templateEquals(back.template, z.template));
  });

  it('refuses bodies that are no zone', () => {
    assert.throws(() => parseZoneBody('<USER><ID>0</ID></USER>'), { code: 'XML_DOCUMENT' });
    assert.throws(
      () =>
        parseZoneBody(
          '<ZONE><ID>0</ID><NAME>a</NAME><STATE>7</STATE><TEMPLATE/><SERVER_POOL/></ZONE>',
        ),
      {
        code: 'XML_DOCUMENT',
        where: { field: 'zone_pool.body' },
      },
    );
    assert.throws(() => parseZoneBody('<ZONE><ID>0</ID><NAME>a</NAME><STATE>0</STATE></ZONE>'), {
      code: 'XML_DOCUMENT',
    });
  });
});
