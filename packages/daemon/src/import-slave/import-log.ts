// onedb-import.log: what became of each of the slave's users and groups, one line each,
// for the operator who has to tell people their new names. The same lines are the mapping
// `onedb reown` applies (names hold no white space, so each line splits on it).
import { createHash } from 'node:crypto';
import { OneKitError } from '@onekit/core';
import type { ImportAction, ImportPlan, ObjectImport } from './import-plan.js';

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

export function importLog(plan: Pick<ImportPlan, 'users' | 'groups'>, h: ImportLogHeader): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  return (
    `# onedb import-slave ${h.at.toISOString()}: ${h.slave} into ${h.master} as zone ${h.zoneId}\n` +
    `# merge users: ${yesNo(h.mergeUsers)}, merge groups: ${yesNo(h.mergeGroups)}\n` +
    `# kind slave-id slave-name -> new-id new-name (action)\n` +
    plan.groups.map((g) => line('group', g)).join('') +
    plan.users.map((u) => line('user', u)).join('')
  );
}

export interface ImportMapping {
  readonly users: readonly ObjectImport[];
  readonly groups: readonly ObjectImport[];
  /** SHA-256 of the mapping lines (comments and blank lines left out). */
  readonly digest: string;
}

const LINE = /^(user|group) (\d+) (\S+) -> (\d+) (\S+) \((system|merged|renamed|new)\)$/;

/** The mapping an import log holds; a line that is not a mapping or a comment is refused. */
export function parseImportLog(text: string, file: string): ImportMapping {
  const users: ObjectImport[] = [];
  const groups: ObjectImport[] = [];
  const hash = createHash('sha256');
  for (const [i, raw] of text.split('\n').entries()) {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) continue;
    const m = LINE.exec(content);
    if (!m) {
      throw new OneKitError(
        'DB_COPY',
        `not a mapping line: "kind slave-id slave-name -> new-id new-name (action)" expected`,
        { file, line: i + 1 },
      );
    }
    hash.update(`${content}\n`);
    const entry: ObjectImport = {
      slaveId: Number(m[2]),
      slaveName: m[3]!,
      id: Number(m[4]),
      name: m[5]!,
      action: m[6] as ImportAction,
    };
    const list = m[1] === 'user' ? users : groups;
    if (list.some((o) => o.slaveId === entry.slaveId)) {
      throw new OneKitError('DB_COPY', `${m[1]} ${entry.slaveId} is mapped twice`, {
        file,
        line: i + 1,
      });
    }
    list.push(entry);
  }
  return { users, groups, digest: hash.digest('hex') };
}
