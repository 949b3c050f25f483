import { OneKitError, Template, printCli } from '@onekit/core';
import type { ZoneView } from './zone-document.js';

// The arguments of `onezone server-add`, `server-del` and `server-reset` as upstream reads
// them: the SERVER template of a new server, and a server given by id or by name.

export interface ServerAddFlags {
  name?: string;
  rpc?: string;
  grpc?: string;
}

/**
 * `SERVER = [ NAME, ENDPOINT, ENDPOINT_GRPC ]` for one.zone.addserver. A name is required
 * and at least one endpoint; an XML-RPC endpoint must be an http(s) URL.
 */
export function serverAddTemplate(flags: ServerAddFlags): string {
  const name = flags.name?.trim() ?? '';
  const rpc = flags.rpc?.trim() ?? '';
  const grpc = flags.grpc?.trim() ?? '';
  if (name === '' || (rpc === '' && grpc === '')) {
    throw new OneKitError(
      'FLAG_REQUIRED',
      'server-add needs -n <server name> and -r <XML-RPC endpoint> (or -g <gRPC endpoint>)',
      { field: name === '' ? 'name' : 'rpc' },
    );
  }
  if (rpc !== '' && !/^https?:\/\//.test(rpc)) {
    throw new OneKitError('FLAG_INVALID', 'Wrong protocol specified. Only http or https allowed!', {
      field: 'rpc',
    });
  }
  const server: Record<string, string> = { NAME: name };
  if (rpc !== '') server['ENDPOINT'] = rpc;
  if (grpc !== '') server['ENDPOINT_GRPC'] = grpc;
  return printCli(new Template().addVector('SERVER', server));
}

/** `<serverid>`: digits are the id; a name is looked up in the zone's SERVER_POOL. */
export async function resolveServerId(
  text: string,
  zone: () => Promise<ZoneView>,
): Promise<number> {
  if (/^\d+$/.test(text)) return Number(text);
  const found = (await zone()).servers.filter((s) => s.name === text);
  if (found.length !== 1) {
    throw new OneKitError('OBJECT_NAME', `${text} not found or duplicated`, { field: text });
  }
  return Number(found[0]!.id);
}
