import { OneKitError } from '@onekit/core';

// Arguments that name OpenNebula objects, as OpenNebula's CLIs read them:
//   <id>        digits, or a name looked up in the pool
//   <range>     ids and inclusive spans, `1,8..15` (blanks ignored, duplicates dropped)
//   <id list>   comma-separated ids and names, `0,web,db`
// Commands that take "a range or a list" try the range form first.

/** An object of a pool, as far as resolving its name goes. */
export interface NamedObject {
  id: number;
  name: string;
}

/** Upstream's range syntax: ids and `a..b` spans separated by commas. */
const rangeSyntax = /^(?:(?:\d+\.\.\d+|\d+),)*(?:\d+\.\.\d+|\d+)$/;
const digits = /^\d+$/;

/** Spans larger than this are refused instead of expanded into millions of calls. */
export const maxRangeSize = 100_000;

/** The ids of a range, in order, each once; undefined when the text is not a range. */
export function parseRange(text: string): number[] | undefined {
  const compact = text.replaceAll(' ', '');
  if (!rangeSyntax.test(compact)) return undefined;
  const ids = new Set<number>();
  for (const part of compact.split(',')) {
    const [first, last = first] = part.split('..').map(Number) as [number, number?];
    if (last - first + 1 > maxRangeSize) {
      throw new OneKitError('FLAG_INVALID', `range ${part} spans more than ${maxRangeSize} ids`, {
        field: 'range',
      });
    }
    for (let id = first; id <= last; id++) ids.add(id);
  }
  return [...ids];
}

/** The items of a comma-separated list: numbers for ids, strings for names. */
export function parseIdList(text: string): Array<number | string> {
  return text.split(',').map((item) => (digits.test(item) ? Number(item) : item));
}

/** Upstream's messages when a name matches no object or several. */
export function nameToId(name: string, objects: readonly NamedObject[], resource: string): number {
  const found = objects.filter((o) => o.name === name);
  if (found.length === 0) {
    throw new OneKitError('OBJECT_NAME', `${resource} named ${name} not found.`, { field: name });
  }
  if (found.length > 1) {
    throw new OneKitError('OBJECT_NAME', `There are multiple ${resource}s with name ${name}.`, {
      field: name,
    });
  }
  return found[0]!.id;
}

/** Where names are looked up: the pool, read once and only when a name needs it. */
export type PoolLookup = () => Promise<readonly NamedObject[]>;

/** `<id>`: digits are the id, anything else a name in the pool. */
export async function resolveId(text: string, resource: string, pool: PoolLookup): Promise<number> {
  return digits.test(text) ? Number(text) : nameToId(text, await pool(), resource);
}

/** `<range>` or `<id list>`, in the order given. */
export async function resolveIds(
  text: string,
  resource: string,
  pool: PoolLookup,
): Promise<number[]> {
  const range = parseRange(text);
  if (range) return range;
  const items = parseIdList(text);
  const objects = items.some((item) => typeof item === 'string') ? await pool() : [];
  return items.map((item) => (typeof item === 'number' ? item : nameToId(item, objects, resource)));
}

/** Memoizes a lookup so that several arguments read the pool once. */
export function oncePool(read: PoolLookup): PoolLookup {
  let pool: Promise<readonly NamedObject[]> | undefined;
  return () => (pool ??= read());
}
