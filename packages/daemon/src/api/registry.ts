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

/** Every XML-RPC method of the daemon. */
export function daemonMethods(): MethodSpec<DaemonServices>[] {
  return [
    ...zoneMethods,
    ...zoneServerMethods,
    ...zoneHealthMethods,
    ...systemMethods,
    ...userMethods,
    ...groupMethods,
    ...aclMethods,
  ];
}
