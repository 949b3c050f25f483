// The master's call to a slave: onekit.zone.fedreplicate over XML-RPC with oneadmin's
// session, 10 s timeout (oned's fixed federation timeout). Transport failures throw;
// a slave's failure answer resolves with its replication_idx.
import http from 'node:http';
import { decodeMethodResponse, encodeMethodCall, oneErrorCodes, readOneResult } from '@onekit/core';
import { encodeShippedEntries, FEDREPLICATE_BATCH } from './fedreplicate-methods.js';
import type { ShippedEntry } from './receiver.js';

/** oned's timeout of a federation call. */
export const FEDERATION_CALL_TIMEOUT_MS = 10_000;

export type ShipAnswer =
  | { readonly ok: true; readonly index: bigint }
  | {
      readonly ok: false;
      /** Whether the slave refused the order (it then names its last index). */
      readonly replication: boolean;
      readonly message: string;
      readonly lastIndex: bigint;
    };

/** Sends `entries` (following `prev`) to the slave at `endpoint`. */
export type ShipEntries = (
  endpoint: string,
  prev: bigint,
  entries: readonly ShippedEntry[],
) => Promise<ShipAnswer>;

function post(endpoint: string, body: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      endpoint,
      {
        method: 'POST',
        agent,
        timeout: FEDERATION_CALL_TIMEOUT_MS,
        headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 200) resolve(Buffer.concat(chunks).toString('utf8'));
          else reject(new Error(`the slave answered HTTP ${res.statusCode}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('the slave did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The XML-RPC sender, with its own keep-alive connections; `session` is oneadmin's. */
export function xmlRpcShipper(session: string): { ship: ShipEntries; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    async ship(endpoint, prev, entries) {
      const body = encodeMethodCall(FEDREPLICATE_BATCH, [
        session,
        prev,
        encodeShippedEntries(entries),
      ]);
      const response = decodeMethodResponse(await post(endpoint, body, agent));
      if (response.kind === 'fault') {
        throw new Error(`fault ${response.fault.faultCode}: ${response.fault.faultString}`);
      }
      const result = readOneResult(response.value);
      if (result.ok) {
        if (typeof result.value !== 'bigint') throw new Error('the slave answered no index');
        return { ok: true, index: result.value };
      }
      return {
        ok: false,
        replication: result.code === oneErrorCodes.REPLICATION,
        message: result.message,
        lastIndex: result.replicationIndex,
      };
    },
    close: () => agent.destroy(),
  };
}
