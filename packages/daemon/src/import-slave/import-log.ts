// onedb-import.log: what became of each of the slave's users and groups, one line each,
// for the operator who has to tell people their new names.
import type { ImportPlan, ObjectImport } from './import-plan.js';

export interface ImportLogHeader {
  readonly at: Date;
  readonly slave: string;
  readonly master: string;
  readonly zoneId: number;
  readonly mergeUsers: boolean;
  readonly mergeGroups: boolean;
}

function line(kind: 'group' | 'user', o: ObjectImport): string {
  return `${kind} ${o.slaveId} ${o.slaveName} -> ${o.id} ${o.name} (${o.action})\n`;
}

export function importLog(plan: ImportPlan, h: ImportLogHeader): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  return (
    `# onedb import-slave ${h.at.toISOString()}: ${h.slave} into ${h.master} as zone ${h.zoneId}\n` +
    `# merge users: ${yesNo(h.mergeUsers)}, merge groups: ${yesNo(h.mergeGroups)}\n` +
    `# kind slave-id slave-name -> new-id new-name (action)\n` +
    plan.groups.map((g) => line('group', g)).join('') +
    plan.users.map((u) => line('user', u)).join('')
  );
}
