// Session strings `user:secret`, split at the first `:` (the secret may hold more colons,
// as server tokens do).
import { OneKitError } from '../errors/index.js';

export interface Session {
  user: string;
  secret: string;
}

export function parseSession(session: string): Session {
  const colon = session.indexOf(':');
  if (colon <= 0) {
    throw new OneKitError('AUTH_SESSION', 'a session must have the form <user>:<secret>', {
      field: 'session',
    });
  }
  return { user: session.slice(0, colon), secret: session.slice(colon + 1) };
}

export function formatSession(session: Session): string {
  if (session.user === '' || session.user.includes(':')) {
    throw new OneKitError('AUTH_SESSION', 'a session user name must be non-empty and free of ":"', {
      field: 'user',
    });
  }
  return `${session.user}:${session.secret}`;
}
