// FEDERATION/SERVER_ID in oned.conf, edited in place: the rest of the file (comments,
// layout, other attributes) stays as it was. The HA procedure sets it when a server joins
// and puts it back to -1 when one leaves.
import { OneKitError, parseTemplate } from '@onekit/core';
import { applyEdits, templateLayout } from '../serversync/oned-conf/index.js';

/** The SERVER_ID FEDERATION holds; -1 (standalone) when it holds none. */
export function serverIdOf(text: string, file = 'oned.conf'): number {
  const federation = parseTemplate(text, { file }).getVector('FEDERATION');
  const value = federation?.pairs.find((p) => p.key === 'SERVER_ID')?.value?.trim();
  if (value === undefined || value === '') return -1;
  if (!/^-?\d+$/.test(value)) {
    throw new OneKitError('CONFIG_INVALID', `SERVER_ID is not an integer: ${value}`, {
      file,
      field: 'FEDERATION/SERVER_ID',
    });
  }
  return Number(value);
}

/** The text with FEDERATION/SERVER_ID set to `id` (added when absent). */
export function withServerId(text: string, id: number, file = 'oned.conf'): string {
  const layout = templateLayout(text, { file });
  const federations = layout.attributes.filter((a) => a.name === 'FEDERATION');
  const federation = federations.at(-1);
  if (federation === undefined || federation.kind !== 'vector') {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${separator}FEDERATION = [\n  SERVER_ID = ${id}\n]\n`;
  }
  const pair = federation.pairs.filter((p) => p.key === 'SERVER_ID').at(-1);
  if (pair !== undefined) {
    return applyEdits(text, [{ start: pair.start, end: pair.end, text: `SERVER_ID = ${id}` }]);
  }
  const open = federation.open! + 1;
  const comma = federation.pairs.length > 0 ? ',' : '';
  return applyEdits(text, [{ start: open, end: open, text: ` SERVER_ID = ${id}${comma}` }]);
}
