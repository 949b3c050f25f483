// Quota elements as oned appends them to USER and GROUP documents. Quotas live in the
// zone-local tables user_quotas/group_quotas (`<QUOTAS><ID>n</ID>...</QUOTAS>`) and the
// defaults in system_attributes; an object or a default with no row has empty quotas.
import type { StorageReader } from '../../storage/index.js';

const QUOTA_ELEMENTS = ['DATASTORE_QUOTA', 'NETWORK_QUOTA', 'VM_QUOTA', 'IMAGE_QUOTA'];

/** The four quota elements with nothing in them. */
export const EMPTY_QUOTAS = QUOTA_ELEMENTS.map((name) => `<${name}></${name}>`).join('');

export type DefaultQuotasName = 'DEFAULT_USER_QUOTAS' | 'DEFAULT_GROUP_QUOTAS';

const QUOTAS_ROW = /^<QUOTAS><ID>-?\d+<\/ID>([^]*)<\/QUOTAS>$/;

/** The quota elements of a user_quotas/group_quotas body (empty when there is no row). */
export function quotaElements(rowBody: string | null | undefined): string {
  const match = rowBody ? QUOTAS_ROW.exec(rowBody) : null;
  return match ? match[1]! : EMPTY_QUOTAS;
}

/** The DEFAULT_USER_QUOTAS or DEFAULT_GROUP_QUOTAS element. */
export async function readDefaultQuotas(
  db: StorageReader,
  name: DefaultQuotasName,
): Promise<string> {
  const [row] = await db.query('SELECT body FROM system_attributes WHERE name = ?', [name]);
  const body = row?.body;
  return typeof body === 'string' && body.startsWith(`<${name}>`)
    ? body
    : `<${name}>${EMPTY_QUOTAS}</${name}>`;
}
