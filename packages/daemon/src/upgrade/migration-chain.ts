// A chain is found by following `from` → `to` from the database's version to the one this
// release needs. The list is checked whole first: two migrators leaving one version, or a
// migrator that does not move forward, make the list unusable whatever the database holds.
import { OneKitError } from '@onekit/core';
import { compareVersions } from '../version/index.js';
import type { ChainName, Migrator } from './migrator.js';

function chainError(chain: ChainName, message: string, field: string): OneKitError {
  return new OneKitError('DB_UPGRADE', message, { field: `${chain}.${field}` });
}

/**
 * The migrators that take `chain` from `found` to `required`, in order; empty when the
 * versions are equal. Throws DB_UPGRADE with field `<chain>.from` (two migrators from one
 * version, or a migrator from `found`'s successor missing: a gap), `<chain>.to` (a migrator
 * that goes backwards, or a chain that passes `required`).
 */
export function resolveChain(
  chain: ChainName,
  migrators: readonly Migrator[],
  found: string,
  required: string,
): Migrator[] {
  const byFrom = new Map<string, Migrator>();
  for (const migrator of migrators) {
    if (byFrom.has(migrator.from)) {
      throw chainError(chain, `more than one ${chain} migrator from ${migrator.from}`, 'from');
    }
    if (compareVersions(migrator.to, migrator.from) <= 0) {
      throw chainError(
        chain,
        `the ${chain} migrator from ${migrator.from} does not move forward (to ${migrator.to})`,
        'to',
      );
    }
    byFrom.set(migrator.from, migrator);
  }
  const steps: Migrator[] = [];
  let version = found;
  while (compareVersions(version, required) < 0) {
    const next = byFrom.get(version);
    if (!next) {
      throw chainError(
        chain,
        `no ${chain} migrator from ${version}: the migrators to ${required} are missing ` +
          'from this release',
        'from',
      );
    }
    steps.push(next);
    version = next.to;
  }
  if (version !== required) {
    throw chainError(
      chain,
      `the ${chain} migrators go from ${found} to ${version}, past the required ${required}`,
      'to',
    );
  }
  return steps;
}
