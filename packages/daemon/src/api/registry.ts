// The methods the daemon serves, by name. Method modules export lists of MethodSpec over
// their own structural service types; DaemonServices satisfies them all.
import { aclMethods } from './acl.js';
import { groupMethods } from './group.js';
import type { MethodSpec } from './method.js';
import type { DaemonServices } from './services.js';
import { systemMethods } from './system.js';
import { userMethods } from './user.js';
import { zoneMethods } from './zone.js';
import { zoneServerMethods } from './zone-servers.js';
import { zoneHealthMethods } from './zone-health.js';
import { zoneUpdateDb } from './zone-updatedb.js';

export class MethodRegistry<S> {
  private readonly byName = new Map<string, MethodSpec<S>>();

  constructor(specs: readonly MethodSpec<S>[]) {
    for (const spec of specs) {
      if (this.byName.has(spec.name)) throw new Error(`method ${spec.name} is registered twice`);
      this.byName.set(spec.name, spec);
    }
  }

  get(name: string): MethodSpec<S> | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

/** What a federation slave serves differently. */
export interface DaemonMethodOptions {
  /** Set on a slave: changes each method spec (the own-zone methods publish to the master). */
  readonly slave?: (spec: MethodSpec<DaemonServices>) => MethodSpec<DaemonServices>;
}

/** Every XML-RPC method of the daemon; one.zone.updatedb only when it is not a slave. */
export function daemonMethods(o: DaemonMethodOptions = {}): MethodSpec<DaemonServices>[] {
  const methods = [
    ...zoneMethods,
    ...zoneServerMethods,
    ...zoneHealthMethods,
    ...systemMethods,
    ...userMethods,
    ...groupMethods,
    ...aclMethods,
  ];
  return o.slave === undefined ? [...methods, zoneUpdateDb] : methods.map(o.slave);
}
