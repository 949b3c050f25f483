import assert from 'node:assert/strict';
import {
  decodeMethodResponse,
  encodeMethodResponse,
  oneErrorCodes,
  oneFailure,
  oneSuccess,
  readOneResult,
  type XmlRpcValue,
} from '../../src/xmlrpc/index.js';

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';
const wrap = (data: string) =>
  `${PROLOG}<methodResponse><params><param><value><array><data>${data}</data></array></value></param></params></methodResponse>`;

/** Encodes, decodes and reads, as a client sees a server's answer. */
function overTheWire(result: Parameters<typeof encodeMethodResponse>[0]) {
  const response = decodeMethodResponse(encodeMethodResponse(result));
  assert.equal(response.kind, 'value');
  return readOneResult(response.value);
}

function rejects(result: XmlRpcValue, field: string) {
  assert.throws(
    () => readOneResult(result),
    (err: unknown) => {
      assert.equal((err as { code: string }).code, 'XMLRPC_TYPE');
      assert.deepEqual((err as { where: unknown }).where, { field });
      return true;
    },
  );
}

describe('xmlrpc/OpenNebula results', () => {
  it('writes success as [true, value, 0]', () => {
    assert.deepEqual(oneSuccess(7), [true, 7, 0]);
    assert.equal(
      encodeMethodResponse(oneSuccess(100)),
      wrap(
        '<value><boolean>1</boolean></value><value><int>100</int></value><value><int>0</int></value>',
      ),
    );
    assert.deepEqual(overTheWire(oneSuccess('<ZONE/>')), { ok: true, value: '<ZONE/>' });
    assert.deepEqual(overTheWire(oneSuccess(18446744073709551615n)), {
      ok: true,
      value: 18446744073709551615n,
    });
  });

  it('writes failure in the five-element form, resp_id an int and replication_idx an i8', () => {
    assert.equal(
      encodeMethodResponse(
        oneFailure(oneErrorCodes.INTERNAL, '[one.zone.addserver] Cannot process request'),
      ),
      wrap(
        '<value><boolean>0</boolean></value><value><string>[one.zone.addserver] Cannot process request</string></value>' +
          '<value><int>8192</int></value><value><int>-1</int></value><value><i8>-1</i8></value>',
      ),
    );
    assert.deepEqual(
      oneFailure(oneErrorCodes.REPLICATION, 'm', { respId: 4, replicationIndex: 2n ** 40n }),
      [false, 'm', 0x10000, 4, 2n ** 40n],
    );
  });

  it('reads what it writes, term in resp_id and log index in replication_idx', () => {
    assert.deepEqual(overTheWire(oneFailure(oneErrorCodes.ACTION, 'term is old', { respId: 12 })), {
      ok: false,
      code: 0x0800,
      message: 'term is old',
      respId: 12,
      replicationIndex: -1n,
    });
    assert.deepEqual(
      overTheWire(
        oneFailure(oneErrorCodes.REPLICATION, 'behind', {
          replicationIndex: 18446744073709551614n,
        }),
      ),
      {
        ok: false,
        code: 0x10000,
        message: 'behind',
        respId: -1,
        replicationIndex: 18446744073709551614n,
      },
    );
  });

  it('reads the four- and three-element failures of older releases', () => {
    assert.deepEqual(readOneResult([false, 'old', 0x0400, 5]), {
      ok: false,
      code: 0x0400,
      message: 'old',
      respId: 5,
      replicationIndex: -1n,
    });
    assert.deepEqual(readOneResult([false, 'older', 0x0100]), {
      ok: false,
      code: 0x0100,
      message: 'older',
      respId: -1,
      replicationIndex: -1n,
    });
    assert.deepEqual(readOneResult([false, 'int index', 0x10000, -1, 41]), {
      ok: false,
      code: 0x10000,
      message: 'int index',
      respId: -1,
      replicationIndex: 41n,
    });
    assert.deepEqual(readOneResult([true, 'two-element success']), {
      ok: true,
      value: 'two-element success',
    });
  });

  it('refuses what is no OpenNebula result, naming the element', () => {
    rejects('<ZONE/>', 'result');
    rejects([], 'result[0]');
    rejects([1, 'x', 0], 'result[0]');
    rejects([true], 'result[1]');
    rejects([false, 7, 0x100], 'result[1]');
    rejects([false, 'x'], 'result[2]');
    rejects([false, 'x', 1.5], 'result[2]');
    rejects([false, 'x', 0x100, 'id'], 'result[3]');
    rejects([false, 'x', 0x100, -1, 'idx'], 'result[4]');
    rejects([false, 'x', 0x100, -1, 0.5], 'result[4]');
  });
});
