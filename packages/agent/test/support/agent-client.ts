// A bare HTTP(S) client for the agent API, for tests that need to send what a proper
// client never would (no token, a huge declared length, a broken body).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface AgentReply {
  readonly status: number;
  readonly body: {
    ok: boolean;
    result?: unknown;
    error?: { code: string; message: string; where: Record<string, unknown> };
  };
}

export interface AgentCallOptions {
  readonly token?: string;
  /** The request as JSON, or text as it is. */
  readonly request?: unknown;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** PEM the server's certificate must chain to (HTTPS). */
  readonly ca?: string;
}

export function agentCall(url: string, o: AgentCallOptions = {}): Promise<AgentReply> {
  const body =
    o.request === undefined
      ? undefined
      : typeof o.request === 'string'
        ? o.request
        : JSON.stringify(o.request);
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      `${url}${o.path ?? '/v1/op'}`,
      {
        method: o.method ?? 'POST',
        ...(o.ca ? { ca: o.ca } : {}),
        headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode!, body: JSON.parse(text) as AgentReply['body'] });
          } catch (err) {
            reject(new Error(`not JSON (${res.statusCode}): ${text}`, { cause: err }));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
