// pool_control.last_oid is the last id a pool handed out: never below the highest id the
// pool holds, or the next object would collide with it. Groups and zones created by users
// start at 100, so their counters never fall below 99.
import { poolControlWrite } from '../pools/ids/index.js';
import { FIRST_USER_GID } from '../pools/group/index.js';
import { FIRST_USER_ZONE_ID } from '../pools/zone/index.js';
import { tables, type StorageReader } from '../storage/index.js';
import type { CheckContext } from './fsck-problem.js';

const NOT_POOLS = new Set(['db_versioning', 'local_db_versioning']);

const floors: Readonly<Record<string, number>> = {
  group_pool: FIRST_USER_GID - 1,
  zone_pool: FIRST_USER_ZONE_ID - 1,
};

/** The tables of the schema present in the database. */
export async function existingTables(reader: StorageReader): Promise<Set<string>> {
  const sql =
    reader.backend === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()';
  return new Set((await reader.query(sql)).map((row) => String(row.name)));
}

export async function checkPoolControl(ctx: CheckContext): Promise<void> {
  const present = await existingTables(ctx);
  const rows = await ctx.query('SELECT tablename, last_oid FROM pool_control');
  const counters = new Map(rows.map((row) => [String(row.tablename), BigInt(row.last_oid ?? -1)]));
  const pools = tables.filter(
    (t) => t.primaryKey.length === 1 && t.primaryKey[0] === 'oid' && !NOT_POOLS.has(t.name),
  );
  for (const pool of pools) {
    if (!present.has(pool.name)) continue;
    const [max] = await ctx.query(`SELECT MAX(oid) AS m FROM ${pool.name}`);
    const highest = max?.m === null || max?.m === undefined ? -1 : Number(max.m);
    const counter = counters.get(pool.name);
    if (highest < 0 && counter === undefined) continue;
    const required = Math.max(highest, floors[pool.name] ?? -1);
    if (counter !== undefined && counter >= BigInt(required)) continue;
    const message =
      counter === undefined
        ? `pool_control has no row for ${pool.name}, whose highest id is ${highest}`
        : highest > Number(counter)
          ? `pool_control ${pool.name} has last_oid ${counter}, but the highest id in ${pool.name} is ${highest}`
          : `pool_control ${pool.name} has last_oid ${counter}, below ${required}`;
    ctx.report({ table: 'pool_control', id: pool.name, message, fixable: true });
    ctx.write(poolControlWrite(pool.name, required));
  }
}
