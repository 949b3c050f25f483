// Which id and name each of the slave's users and groups gets in the master database.
// The system objects (groups oneadmin and users, users oneadmin and serveradmin) are the
// master's own and keep their ids. Any other object gets a new id after the master's
// last one; when its name is taken it is either merged into the master's object of that
// name (keeping the master's id) or imported under `name-1` (`-2`, ...). Pure: the
// writes follow from the plan (merge-writes.ts).
import { FIRST_USER_GID } from '../pools/group/index.js';
import { SERVERADMIN_UID } from '../pools/user/index.js';

export type ImportAction = 'system' | 'merged' | 'renamed' | 'new';

export interface ObjectImport {
  readonly slaveId: number;
  readonly slaveName: string;
  readonly id: number;
  readonly name: string;
  readonly action: ImportAction;
}

/** What the plan reads of a user or group: its id and name. */
export interface NamedObject {
  readonly id: number;
  readonly name: string;
}

export interface ImportPlanInput {
  readonly master: {
    readonly users: readonly NamedObject[];
    readonly groups: readonly NamedObject[];
    readonly lastUserId: number;
    readonly lastGroupId: number;
  };
  readonly slave: {
    readonly users: readonly NamedObject[];
    readonly groups: readonly NamedObject[];
  };
  readonly mergeUsers: boolean;
  readonly mergeGroups: boolean;
}

export interface ImportPlan {
  readonly users: readonly ObjectImport[];
  readonly groups: readonly ObjectImport[];
  /** The master's last ids once the imported objects are in. */
  readonly lastUserId: number;
  readonly lastGroupId: number;
}

interface PoolInput {
  readonly master: readonly NamedObject[];
  readonly slave: readonly NamedObject[];
  readonly isSystem: (id: number) => boolean;
  readonly merge: boolean;
  readonly lastId: number;
}

function planPool(o: PoolInput): { objects: ObjectImport[]; lastId: number } {
  const byName = new Map(o.master.map((m) => [m.name, m.id]));
  const byId = new Map(o.master.map((m) => [m.id, m.name]));
  const taken = new Set(byName.keys());
  let lastId = o.lastId;
  const objects: ObjectImport[] = [];
  for (const s of [...o.slave].sort((a, b) => a.id - b.id)) {
    const base = { slaveId: s.id, slaveName: s.name };
    if (o.isSystem(s.id)) {
      objects.push({ ...base, id: s.id, name: byId.get(s.id) ?? s.name, action: 'system' });
      continue;
    }
    const existing = byName.get(s.name);
    if (existing !== undefined && o.merge) {
      objects.push({ ...base, id: existing, name: s.name, action: 'merged' });
      continue;
    }
    let name = s.name;
    for (let n = 1; taken.has(name); n++) name = `${s.name}-${n}`;
    taken.add(name);
    objects.push({
      ...base,
      id: ++lastId,
      name,
      action: name === s.name ? 'new' : 'renamed',
    });
  }
  return { objects, lastId };
}

export function planImport(input: ImportPlanInput): ImportPlan {
  const groups = planPool({
    master: input.master.groups,
    slave: input.slave.groups,
    isSystem: (id) => id < FIRST_USER_GID,
    merge: input.mergeGroups,
    lastId: Math.max(input.master.lastGroupId, FIRST_USER_GID - 1),
  });
  const users = planPool({
    master: input.master.users,
    slave: input.slave.users,
    isSystem: (id) => id <= SERVERADMIN_UID,
    merge: input.mergeUsers,
    lastId: input.master.lastUserId,
  });
  return {
    users: users.objects,
    groups: groups.objects,
    lastUserId: users.lastId,
    lastGroupId: groups.lastId,
  };
}
