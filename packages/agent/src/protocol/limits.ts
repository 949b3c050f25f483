// The HTTP face of the protocol: routes, the default port and the size limit shared by the
// server, the one-shot mode and the clients.
import { OneKitError } from '@onekit/core';

/** The agent's port unless configured: next to oned's 2633 and OneFlow's 2474 ranges. */
export const DEFAULT_AGENT_PORT = 2635;

/** `POST` a request here, with `Authorization: Bearer <token>`. */
export const AGENT_OP_PATH = '/v1/op';

/** `GET` without a token: `{ "ok": true }` while the agent serves. */
export const AGENT_HEALTH_PATH = '/v1/health';

/** Largest request body, in bytes: a config tree file in base64 fits many times over. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/** The refusal of a body over the limit (HTTP 413); `where.field` is `body`. */
export function requestTooLarge(limit: number): OneKitError {
  return new OneKitError('AGENT_REQUEST', `the request is larger than ${limit} bytes`, {
    field: 'body',
  });
}
