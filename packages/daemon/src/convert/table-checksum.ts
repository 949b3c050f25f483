// A checksum of a table's rows that does not depend on their order (the two backends sort
// text keys by different collations) nor on how a driver hands an integer back (number or
// bigint): each row is hashed in a canonical form and the hashes are added up.
import { createHash } from 'node:crypto';
import type { ColumnValue } from '../storage/index.js';

const MODULUS = 1n << 128n;

function canonical(values: readonly ColumnValue[]): string {
  return values
    .map((v) =>
      v === null ? 'n' : typeof v === 'string' ? `s${v.length}:${v}` : `i${BigInt(v).toString()}`,
    )
    .join('|');
}

export class TableChecksum {
  private sum = 0n;
  rows = 0;

  add(values: readonly ColumnValue[]): void {
    const digest = createHash('sha256').update(canonical(values)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${digest.slice(0, 32)}`)) % MODULUS;
    this.rows++;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}
