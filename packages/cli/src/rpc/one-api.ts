import { formatSession } from '@onekit/core';
import type { ApiSettings } from '../command/api-settings.js';
import { XmlRpcClient } from './xmlrpc-client.js';

/**
 * The API as a command sees it: the endpoint it resolved, and clients made on first use
 * (no credentials are read and no connection is opened by a command that never calls).
 */
export interface OneApi {
  readonly endpoint: string;
  /** The client of the resolved endpoint, with the caller's credentials. */
  client(): Promise<XmlRpcClient>;
  /** A client of another server (a zone's or an HA server's endpoint), same credentials. */
  clientFor(endpoint: string, options: { timeoutMs: number }): Promise<XmlRpcClient>;
  /** Closes every client made. */
  close(): void;
}

export interface OneApiOptions {
  /** Timeout of calls through `client()`. */
  timeoutMs?: number;
}

export function oneApi(settings: ApiSettings, options: OneApiOptions = {}): OneApi {
  const clients: XmlRpcClient[] = [];
  let session: Promise<string> | undefined;
  let main: Promise<XmlRpcClient> | undefined;
  const sessionString = () => {
    session ??= settings
      .credentials()
      .then(({ user, password }) => formatSession({ user, secret: password }));
    return session;
  };
  const make = async (endpoint: string, timeoutMs: number | undefined) => {
    const client = new XmlRpcClient({ endpoint, session: await sessionString(), timeoutMs });
    clients.push(client);
    return client;
  };
  return {
    endpoint: settings.endpoint,
    client() {
      main ??= make(settings.endpoint, options.timeoutMs);
      return main;
    },
    clientFor(endpoint, o) {
      return make(endpoint, o.timeoutMs);
    },
    close() {
      for (const client of clients.splice(0)) client.close();
    },
  };
}
