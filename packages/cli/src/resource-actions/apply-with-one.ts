// The shape of oneuser chgrp/addgroup/delgroup and onegroup addadmin/deladmin: one method
// called for each of several objects (ids, ranges or names) with one other object (an id
// or a name) as its second argument, each call tried in turn as applyToEach does.
import type { OneApi } from '../rpc/index.js';
import { oncePool, resolveId, resolveIds, type PoolLookup } from '../resource-ids/index.js';
import { applyToEach, type ActionReport } from './actions.js';

export interface ObjectsArgument {
  /** The argument as typed. */
  readonly text: string;
  /** `USER`, `GROUP`: the object's name in messages. */
  readonly resource: string;
  /** Reads the pool's ids and names, for arguments given by name. */
  readonly names: PoolLookup;
}

export interface ApplyWithOneOptions {
  readonly each: ObjectsArgument;
  readonly one: ObjectsArgument;
  /** The XML-RPC method, called as method(eachId, oneId). */
  readonly method: string;
  /** The verb of the -v line. */
  readonly action: string;
}

export async function applyWithOne(api: OneApi, o: ApplyWithOneOptions): Promise<ActionReport> {
  const ids = await resolveIds(o.each.text, o.each.resource, oncePool(o.each.names));
  const other = await resolveId(o.one.text, o.one.resource, oncePool(o.one.names));
  const client = await api.client();
  return applyToEach({
    resource: o.each.resource,
    action: o.action,
    ids,
    apply: (id) => client.callId(o.method, id, other),
  });
}
