// How a command names a host it reaches through an agent or SSH: `HOST`, `HOST:PORT`, or
// an IPv6 address, bare or in brackets (`[ADDRESS]:PORT` when a port follows).
import { OneKitError } from '@onekit/core';

export interface HostSpec {
  readonly host: string;
  /** Absent when the spec names none: the transport's default applies. */
  readonly port?: number;
}

const MAX_PORT = 65_535;

function invalid(spec: string, why: string, field: string): OneKitError {
  return new OneKitError('FLAG_INVALID', `${spec}: ${why}; expected HOST or HOST:PORT`, {
    field,
  });
}

function portOf(spec: string, text: string, field: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= MAX_PORT)) {
    throw invalid(spec, `the port must be a number from 1 to ${MAX_PORT}`, field);
  }
  return port;
}

/** Splits a host spec; FLAG_INVALID (`where.field` = `field`) for an empty host or a bad port. */
export function parseHostSpec(spec: string, o: { readonly field: string }): HostSpec {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(spec);
  if (bracketed) {
    const [, host = '', port] = bracketed;
    if (host === '') throw invalid(spec, 'no host', o.field);
    return port === undefined ? { host } : { host, port: portOf(spec, port, o.field) };
  }
  const colons = spec.split(':').length - 1;
  // Two colons or more without brackets: an IPv6 address, with no room for a port.
  if (colons > 1) return { host: spec };
  const [host = '', port] = spec.split(':');
  if (host.trim() === '' || /\s|[[\]/]/.test(host)) {
    throw invalid(spec, host.trim() === '' ? 'no host' : 'not a host name or address', o.field);
  }
  return port === undefined ? { host } : { host, port: portOf(spec, port, o.field) };
}

/** The spec for a host and port, as parseHostSpec reads it back; no port, no suffix. */
export function formatHostSpec(spec: HostSpec): string {
  if (spec.port === undefined) return spec.host;
  return `${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
}
