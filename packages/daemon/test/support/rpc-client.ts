// A plain XML-RPC client for process tests: the core codec over node:http with a
// keep-alive agent, so tests talk to the daemon as OpenNebula's clients do.
import { Agent, request } from 'node:http';
import {
  decodeMethodResponse,
  encodeMethodCall,
  readOneResult,
  type OneResult,
  type XmlRpcFault,
  type XmlRpcInput,
} from '@onekit/core';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Whether the request went over a connection used before (keep-alive). */
  readonly reusedSocket: boolean;
}

export interface RawRequest {
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Send the body chunked (no Content-Length). */
  readonly chunked?: boolean;
}

export class RpcClient {
  readonly agent: Agent;

  constructor(
    readonly host: string,
    readonly port: number,
    { maxSockets = 8 }: { maxSockets?: number } = {},
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  raw(body: string | Buffer, o: RawRequest = {}): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const data = typeof body === 'string' ? Buffer.from(body) : body;
      const headers: Record<string, string> = { 'Content-Type': 'text/xml', ...o.headers };
      if (!o.chunked) headers['Content-Length'] = String(data.length);
      const req = request(
        {
          host: this.host,
          port: this.port,
          path: o.path ?? '/RPC2',
          method: o.method ?? 'POST',
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              reusedSocket: req.reusedSocket,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }

  /** The decoded response: a value or a fault. */
  async send(
    method: string,
    params: readonly XmlRpcInput[],
  ): Promise<ReturnType<typeof decodeMethodResponse>> {
    const answer = await this.raw(encodeMethodCall(method, params));
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body}`);
    return decodeMethodResponse(answer.body);
  }

  /** OpenNebula's result array of a call that must not fault. */
  async call(method: string, ...params: XmlRpcInput[]): Promise<OneResult> {
    const response = await this.send(method, params);
    if (response.kind === 'fault') {
      throw new Error(
        `${method} faulted: ${response.fault.faultCode} ${response.fault.faultString}`,
      );
    }
    return readOneResult(response.value);
  }

  /** The fault of a call that must fault. */
  async fault(method: string, ...params: XmlRpcInput[]): Promise<XmlRpcFault> {
    const response = await this.send(method, params);
    if (response.kind !== 'fault')
      throw new Error(
        `${method} did not fault: ${JSON.stringify(response.value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`,
      );
    return response.fault;
  }

  /** The success value of a call that must succeed. */
  async value(method: string, ...params: XmlRpcInput[]): Promise<unknown> {
    const result = await this.call(method, ...params);
    if (!result.ok) throw new Error(`${method} failed: ${result.code} ${result.message}`);
    return result.value;
  }

  close(): void {
    this.agent.destroy();
  }
}
