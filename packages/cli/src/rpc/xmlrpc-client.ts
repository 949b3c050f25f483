import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  OneKitError,
  decodeMethodResponse,
  encodeMethodCall,
  readOneResult,
  type XmlRpcInput,
  type XmlRpcValue,
} from '@onekit/core';
import { OneApiError } from './one-api-error.js';

// A client of OpenNebula's XML-RPC API: every call sends the session string first and
// reads the `[ok, value, code, ...]` answer. Connections are kept alive between calls.

/** How long OpenNebula's Ruby client waits for an answer unless told otherwise. */
export const defaultCallTimeoutMs = 30_000;

export interface XmlRpcClientOptions {
  /** `http(s)://host:port/RPC2`. */
  endpoint: string;
  /** `user:password` (or a token in place of the password). */
  session: string;
  /** How long one call may take, from sending to the whole answer. */
  timeoutMs?: number;
}

export class XmlRpcClient {
  readonly endpoint: string;
  private readonly url: URL;
  private readonly session: string;
  private readonly timeoutMs: number;
  private readonly agent: HttpAgent;

  constructor(options: XmlRpcClientOptions) {
    this.endpoint = options.endpoint;
    this.url = parseEndpoint(options.endpoint);
    this.session = options.session;
    this.timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
    const Agent = this.url.protocol === 'https:' ? HttpsAgent : HttpAgent;
    this.agent = new Agent({ keepAlive: true });
  }

  /**
   * The value of a successful call. A `[false, ...]` answer is a OneApiError carrying the
   * server's message; an XML-RPC fault is XMLRPC_FAULT; no answer is CONNECTION.
   */
  async call(method: string, ...params: XmlRpcInput[]): Promise<XmlRpcValue> {
    const body = encodeMethodCall(method, [this.session, ...params]);
    const response = decodeMethodResponse(await this.post(method, body));
    if (response.kind === 'fault') {
      throw new OneKitError('XMLRPC_FAULT', `[${method}] ${response.fault.faultString}`, {
        field: method,
      });
    }
    const result = readOneResult(response.value);
    if (!result.ok) throw new OneApiError(method, result.message, result.code);
    return result.value;
  }

  /** A call whose value must be a string (an XML document, a version). */
  async callText(method: string, ...params: XmlRpcInput[]): Promise<string> {
    return expectType(method, await this.call(method, ...params), 'string');
  }

  /** A call whose value must be an integer (an object id). */
  async callId(method: string, ...params: XmlRpcInput[]): Promise<number> {
    return expectType(method, await this.call(method, ...params), 'number');
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private post(method: string, body: string): Promise<Buffer> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const fail = (message: string, cause?: unknown) =>
        reject(
          new OneKitError(
            'CONNECTION',
            `${this.endpoint}: ${message}`,
            { field: 'endpoint' },
            { cause },
          ),
        );
      const req = send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'Content-Type': 'text/xml',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => fail(`the answer to ${method} broke off`, err));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              fail(`answered ${method} with HTTP ${res.statusCode} ${res.statusMessage ?? ''}`);
            } else {
              resolve(Buffer.concat(chunks));
            }
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        req.destroy();
        fail(`no answer to ${method} within ${this.timeoutMs / 1000} s`);
      });
      req.on('error', (err: NodeJS.ErrnoException) =>
        fail(`cannot call ${method} (${err.code ?? err.message})`, err),
      );
      req.end(body);
    });
  }
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (err) {
    throw new OneKitError(
      'FLAG_INVALID',
      `endpoint ${JSON.stringify(endpoint)} is not a URL`,
      { field: 'endpoint' },
      { cause: err },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OneKitError('FLAG_INVALID', `endpoint ${endpoint} is not http or https`, {
      field: 'endpoint',
    });
  }
  return url;
}

function expectType<T extends 'string' | 'number'>(
  method: string,
  value: XmlRpcValue,
  type: T,
): T extends 'string' ? string : number {
  if (typeof value !== type) {
    throw new OneKitError('XMLRPC_TYPE', `${method} answered a ${typeof value}, not a ${type}`, {
      field: method,
    });
  }
  return value as T extends 'string' ? string : number;
}
