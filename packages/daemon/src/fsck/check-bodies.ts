// Reads the bodies of users, groups and zones into the model. A body that does not parse
// is reported and left alone (fsck never invents an object); a row whose indexed columns
// disagree with its body is rewritten from the body.
import { parseGroupBodyText } from '../pools/group/index.js';
import { parseUserBody } from '../pools/user/index.js';
import { parseZoneBodyText } from '../pools/zone/index.js';
import type { Row } from '../storage/index.js';
import type { Pool } from './fsck-model.js';
import type { CheckContext } from './fsck-problem.js';

interface PoolSpec<T extends { id: number; name: string }> {
  readonly table: 'user_pool' | 'group_pool' | 'zone_pool';
  readonly noun: string;
  readonly parse: (body: string) => T;
  /** Indexed columns besides name that mirror a body field. */
  readonly columns?: (record: T) => Record<string, number>;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function readPool<T extends { id: number; name: string }>(
  ctx: CheckContext,
  spec: PoolSpec<T>,
  pool: Pool<T>,
): Promise<void> {
  const rows = await ctx.query(`SELECT * FROM ${spec.table} ORDER BY oid`);
  for (const row of rows) readRow(ctx, spec, pool, row);
}

function readRow<T extends { id: number; name: string }>(
  ctx: CheckContext,
  spec: PoolSpec<T>,
  pool: Pool<T>,
  row: Row,
): void {
  const id = Number(row.oid);
  const report = (message: string, fixable: boolean) =>
    ctx.report({ table: spec.table, id, message: `${spec.noun} ${id} ${message}`, fixable });
  let record: T;
  try {
    record = spec.parse(String(row.body ?? ''));
  } catch (err) {
    pool.unreadable.add(id);
    report(`body does not parse: ${describe(err)}`, false);
    return;
  }
  if (record.id !== id) {
    pool.unreadable.add(id);
    report(`body holds the id ${record.id}`, false);
    return;
  }
  pool.records.set(id, record);
  const expected: Record<string, string | number> = {
    name: record.name,
    ...spec.columns?.(record),
  };
  const differing = Object.entries(expected).filter(([column, value]) => {
    const found = row[column];
    return typeof value === 'number' ? Number(found) !== value : String(found) !== value;
  });
  if (differing.length > 0) {
    const what = differing.map(([c, v]) => `${c} ${String(row[c])} (body: ${v})`).join(', ');
    report(`row has ${what}`, true);
    pool.set(id, record);
  }
}

export async function checkBodies(ctx: CheckContext): Promise<void> {
  const { model } = ctx;
  await readPool(
    ctx,
    { table: 'user_pool', noun: 'User', parse: parseUserBody, columns: (u) => ({ gid: u.gid }) },
    model.users,
  );
  await readPool(
    ctx,
    { table: 'group_pool', noun: 'Group', parse: parseGroupBodyText },
    model.groups,
  );
  await readPool(ctx, { table: 'zone_pool', noun: 'Zone', parse: parseZoneBodyText }, model.zones);
}
