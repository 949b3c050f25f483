// An XML-RPC client for trials that never throws: every call ends as ok, fail (the zone
// refused it before it could take effect) or unknown (no answer in time, a broken
// connection, or a refusal that comes after the write may already be in the log).
import http from 'node:http';
import {
  decodeMethodResponse,
  encodeMethodCall,
  readOneResult,
  type XmlRpcInput,
  type XmlRpcValue,
} from '@onekit/core';

export type CallOutcome =
  | { readonly kind: 'ok'; readonly value: XmlRpcValue }
  | { readonly kind: 'fail' | 'unknown'; readonly message: string };

/**
 * Refusals that come before a write reaches the log: the router of a candidate, of a leader
 * still reconciling, of a follower without a leader, or a leader refusing the proposal; or
 * a forward that could not connect at all. A write refused with anything else (leadership
 * lost while it waited, the server stopping, a forward cut short) may still commit.
 */
const DEFINITELY_NOT_APPLIED = [
  'Cannot process request, oned cluster in election mode',
  'Cannot process request, oned cluster is replicating log',
  'Cannot process request, no leader found',
  'Cannot process request: the write was refused',
  'leader unreachable: connect ECONNREFUSED',
];

export function classifyFailure(message: string): 'fail' | 'unknown' {
  return DEFINITELY_NOT_APPLIED.some((m) => message.includes(m)) ? 'fail' : 'unknown';
}

export class TrialClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;

  constructor(
    endpoint: string,
    private readonly session: string,
    private readonly timeoutMs: number,
  ) {
    this.url = new URL(endpoint);
  }

  async call(method: string, ...params: XmlRpcInput[]): Promise<CallOutcome> {
    let body: string;
    try {
      body = await this.post(encodeMethodCall(method, [this.session, ...params]));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Refused at connect: the request never left this process.
      return { kind: /ECONNREFUSED/.test(message) ? 'fail' : 'unknown', message };
    }
    const response = decodeMethodResponse(body);
    if (response.kind === 'fault') {
      return { kind: 'unknown', message: `fault ${response.fault.faultString}` };
    }
    const result = readOneResult(response.value);
    if (result.ok) return { kind: 'ok', value: result.value };
    return { kind: classifyFailure(result.message), message: result.message };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(chunks).toString('utf8'))
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
