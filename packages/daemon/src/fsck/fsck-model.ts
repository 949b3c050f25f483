// The federated pools fsck reasons about (users, groups, zones), read once from their
// bodies. Checks change records here; each changed record is written back once at the end,
// so several fixes to one user make one update.
import { updateGroupOp, type GroupRecord } from '../pools/group/index.js';
import { updateUserOp, type UserRecord } from '../pools/user/index.js';
import { updateZoneWrite, type Zone } from '../pools/zone/index.js';
import type { WriteOp } from '../storage/index.js';

export class Pool<T> {
  readonly records = new Map<number, T>();
  /** Rows whose body does not parse: they exist, but fsck never rewrites them. */
  readonly unreadable = new Set<number>();
  private readonly changed = new Set<number>();

  exists(id: number): boolean {
    return this.records.has(id) || this.unreadable.has(id);
  }

  get(id: number): T | undefined {
    return this.records.get(id);
  }

  set(id: number, record: T): void {
    this.records.set(id, record);
    this.changed.add(id);
  }

  /** The changed records, by id. */
  changes(): T[] {
    return [...this.changed].sort((a, b) => a - b).map((id) => this.records.get(id)!);
  }
}

export class FsckModel {
  readonly users = new Pool<UserRecord>();
  readonly groups = new Pool<GroupRecord>();
  readonly zones = new Pool<Zone>();

  /** The updates of every changed user, group and zone. */
  writes(): WriteOp[] {
    return [
      ...this.users.changes().map(updateUserOp),
      ...this.groups.changes().map(updateGroupOp),
      ...this.zones.changes().map(updateZoneWrite),
    ];
  }
}
