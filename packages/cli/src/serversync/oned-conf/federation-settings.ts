// FEDERATION/MODE, ZONE_ID and MASTER_ONED in oned.conf, edited in place (the rest of the
// file stays as it was), as the federation guide has the administrator edit them by hand.
import { OneKitError, parseTemplate } from '@onekit/core';
import { templateLayout } from './template-layout.js';
import { applyEdits } from './text-edits.js';

export type FederationMode = 'STANDALONE' | 'MASTER' | 'SLAVE';

export interface FederationSettings {
  readonly mode: FederationMode;
  readonly zoneId: number;
  /** '' when the file names none. */
  readonly masterOned: string;
}

const modes: readonly FederationMode[] = ['STANDALONE', 'MASTER', 'SLAVE'];

/** What the file's FEDERATION holds (oned's defaults where it holds nothing). */
export function federationOf(text: string, file = 'oned.conf'): FederationSettings {
  const pairs = parseTemplate(text, { file }).getVector('FEDERATION')?.pairs ?? [];
  const value = (key: string) =>
    pairs
      .filter((p) => p.key === key)
      .at(-1)
      ?.value?.trim() ?? '';
  const mode = (value('MODE') || 'STANDALONE').toUpperCase() as FederationMode;
  if (!modes.includes(mode)) {
    throw new OneKitError('CONFIG_INVALID', `MODE is not one of ${modes.join(', ')}`, {
      file,
      field: 'FEDERATION/MODE',
    });
  }
  const zone = value('ZONE_ID') || '0';
  if (!/^\d+$/.test(zone)) {
    throw new OneKitError('CONFIG_INVALID', `ZONE_ID is not an integer: ${zone}`, {
      file,
      field: 'FEDERATION/ZONE_ID',
    });
  }
  return { mode, zoneId: Number(zone), masterOned: value('MASTER_ONED') };
}

/** The text with FEDERATION set to `settings` (MASTER_ONED dropped from the edit when ''). */
export function withFederation(
  text: string,
  settings: FederationSettings,
  file = 'oned.conf',
): string {
  const wanted: [string, string][] = [
    ['MODE', `"${settings.mode}"`],
    ['ZONE_ID', String(settings.zoneId)],
    ['MASTER_ONED', `"${settings.masterOned}"`],
  ];
  let out = text;
  for (const [key, value] of wanted) {
    const present = parseTemplate(out, { file })
      .getVector('FEDERATION')
      ?.pairs.some((p) => p.key === key);
    if (key === 'MASTER_ONED' && settings.masterOned === '' && !present) continue;
    out = withPair(out, key, value, file);
  }
  return out;
}

function withPair(text: string, key: string, value: string, file: string): string {
  const federation = templateLayout(text, { file })
    .attributes.filter((a) => a.name === 'FEDERATION')
    .at(-1);
  if (federation === undefined || federation.kind !== 'vector') {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${separator}FEDERATION = [\n  ${key} = ${value}\n]\n`;
  }
  const pair = federation.pairs.filter((p) => p.key === key).at(-1);
  if (pair !== undefined) {
    return applyEdits(text, [{ start: pair.start, end: pair.end, text: `${key} = ${value}` }]);
  }
  const open = federation.open! + 1;
  const comma = federation.pairs.length > 0 ? ',' : '';
  return applyEdits(text, [{ start: open, end: open, text: ` ${key} = ${value}${comma}` }]);
}
