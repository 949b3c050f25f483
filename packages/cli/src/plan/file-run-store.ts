// Run records on this machine (where the wizard runs): `<var>/.onekit/runs/<wizard>-<key>.json`,
// i.e. /var/lib/one/.onekit/runs/ system-wide or $ONE_LOCATION/var/.onekit/runs/. A record
// is replaced atomically (temporary name, fsync, rename); an archived record is renamed to
// `<wizard>-<key>.<run id>.json` and never deleted.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { posix } from 'node:path';
import { OneKitError, type OnePaths, readTextIfExists } from '@onekit/core';
import type { RunRecord, RunStore } from './run-record.js';

export function runsDir(paths: Pick<OnePaths, 'var'>): string {
  return posix.join(paths.var, '.onekit', 'runs');
}

/** `onezone ha-add` with key `zone-0` → `onezone-ha-add-zone-0`. */
export function runName(wizard: string, key: string): string {
  return `${wizard}-${key}`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

export function fileRunStore(o: { dir: string; wizard: string; key: string }): RunStore {
  const base = runName(o.wizard, o.key);
  const file = posix.join(o.dir, `${base}.json`);
  return {
    location: file,
    async load() {
      const text = await readTextIfExists(file);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as RunRecord;
      } catch (err) {
        throw new OneKitError(
          'CONFIG_INVALID',
          `the run record is not JSON: move it aside or run again with --restart`,
          { file },
          { cause: err },
        );
      }
    },
    async save(record) {
      await mkdir(o.dir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(record, null, 2) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    },
    async archive(record) {
      const target = posix.join(o.dir, `${base}.${record.id}.json`);
      await rename(file, target);
      return target;
    },
  };
}
