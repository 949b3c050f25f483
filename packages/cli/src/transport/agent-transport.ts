// HostTransport over a host's agent: each call is one `POST /v1/op` with the bearer token,
// on a keep-alive connection (HTTPS when the agent serves TLS, with its certificate or CA
// given, and optionally its certificate's SHA-256 fingerprint pinned).
import { Buffer } from 'node:buffer';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import {
  AGENT_OP_PATH,
  DEFAULT_AGENT_PORT,
  MAX_REQUEST_BYTES,
  decodeContent,
  encodeContent,
  parseResponseText,
  requestText,
  requestTooLarge,
  type OpName,
  type OpParams,
  type OpResult,
} from '@onekit/agent';
import { OneKitError } from '@onekit/core';
import { AgentOperations } from './agent-operations.js';
import type {
  HostFile,
  HostTransport,
  WriteFileOptions,
  WriteFileResult,
} from './host-transport.js';

export interface AgentTlsOptions {
  /** PEM of the agent's certificate (self-signed) or of the CA that signed it. */
  readonly ca: string | Buffer;
  /** The certificate's SHA-256 fingerprint (hex, colons optional): any other is refused. */
  readonly fingerprint256?: string;
}

export interface AgentTransportOptions {
  /** Address or name of the host. */
  readonly host: string;
  readonly port?: number;
  readonly token: string;
  /** HTTPS; plain HTTP when absent. */
  readonly tls?: AgentTlsOptions;
  /** How long one call may take (default 5 minutes: large files, slow services). */
  readonly timeoutMs?: number;
}

const normalFingerprint = (text: string) => text.replace(/:/g, '').toUpperCase();

function fingerprintCheck(pinned: string) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const error = checkServerIdentity(host, cert);
    if (error) return error;
    if (normalFingerprint(cert.fingerprint256) !== normalFingerprint(pinned)) {
      return new Error(
        `the certificate's fingerprint ${cert.fingerprint256} is not the pinned one`,
      );
    }
    return undefined;
  };
}

export class AgentTransport extends AgentOperations implements HostTransport {
  readonly kind = 'agent' as const;
  readonly host: string;
  private readonly port: number;
  private readonly agent: HttpAgent;
  private readonly endpoint: string;

  constructor(private readonly options: AgentTransportOptions) {
    super();
    this.host = options.host;
    this.port = options.port ?? DEFAULT_AGENT_PORT;
    this.endpoint = `${options.host}:${this.port}`;
    const tls = options.tls;
    this.agent = tls
      ? new HttpsAgent({
          keepAlive: true,
          ca: tls.ca,
          ...(tls.fingerprint256
            ? { checkServerIdentity: fingerprintCheck(tls.fingerprint256) }
            : {}),
        })
      : new HttpAgent({ keepAlive: true });
  }

  listFiles(root: string): Promise<HostFile[]> {
    return this.call('list-files', { root });
  }

  async readFile(file: string): Promise<Buffer> {
    return decodeContent((await this.call('read-file', { path: file })).content);
  }

  writeFile(
    file: string,
    content: Buffer,
    options: WriteFileOptions = {},
  ): Promise<WriteFileResult> {
    return this.call('write-file', { path: file, content: encodeContent(content), ...options });
  }

  removeFile(
    file: string,
    options: { readonly backupDir?: string } = {},
  ): Promise<WriteFileResult> {
    return this.call('remove-file', { path: file, ...options });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  protected callAgent<K extends OpName>(op: K, params: OpParams<K>): Promise<OpResult<K>> {
    return this.call(op, params);
  }

  /** One operation on the agent; its error answer is thrown as the agent's OneKitError. */
  async call<K extends OpName>(op: K, params: OpParams<K>): Promise<OpResult<K>> {
    const body = requestText(op, params);
    // The agent would refuse it after the upload: refuse it before.
    if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) throw requestTooLarge(MAX_REQUEST_BYTES);
    const response = await this.post(body);
    return parseResponseText(op, response.text, { host: this.endpoint });
  }

  private post(body: string): Promise<{ status: number; text: string }> {
    const send = this.options.tls ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        {
          host: this.options.host,
          port: this.port,
          method: 'POST',
          path: AGENT_OP_PATH,
          agent: this.agent,
          timeout: this.options.timeoutMs ?? 300_000,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.once('error', (err) => reject(this.unreachable(err)));
        },
      );
      req.once('timeout', () => req.destroy(new Error('no answer in time')));
      req.once('error', (err) => reject(this.unreachable(err)));
      req.end(body);
    });
  }

  private unreachable(err: Error): OneKitError {
    return new OneKitError(
      'CONNECTION',
      `the agent on ${this.endpoint} cannot be reached: ${err.message}`,
      { field: this.endpoint },
      { cause: err },
    );
  }
}
