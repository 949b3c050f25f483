// The components of one.acl.addrule. oned takes each mask as hexadecimal text (what
// oneacl sends, with or without 0x); this server also takes oneacl's own syntax for each
// component (`@1`, `VM+IMAGE/*`, `USE+MANAGE`, `#0`), which no hex text can be confused
// with. A missing or empty zone is the local zone.
import {
  OneKitError,
  parseResource,
  parseRights,
  parseUserSelector,
  parseZoneSelector,
  selectorBits,
  type AclComponent,
} from '@onekit/core';

const HEX = /^\s*(-?)(?:0[xX])?([0-9a-fA-F]+)\s*$/;
const INT64_MAX = 0x7fffffffffffffffn;

/** Hex text as C++'s `>> std::hex` reads it into a long long (saturating on overflow). */
export function hexMask(text: string): bigint | undefined {
  const match = HEX.exec(text);
  if (match === null) return undefined;
  const magnitude = BigInt(`0x${match[2]}`);
  if (match[1] === '-') return magnitude > INT64_MAX + 1n ? -INT64_MAX - 1n : -magnitude;
  return magnitude > INT64_MAX ? INT64_MAX : magnitude;
}

const parsers = {
  user: parseUserSelector,
  resource: parseResource,
  rights: parseRights,
  zone: parseZoneSelector,
} as const;

/** Throws ACL_SYNTAX (field = the component) when the text is neither form. */
export function ruleComponent(text: string, component: Exclude<AclComponent, 'rule'>): bigint {
  const hex = hexMask(text);
  if (hex !== undefined) return hex;
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new OneKitError('ACL_SYNTAX', `the ${component} is empty`, {
      field: component,
      column: 1,
    });
  }
  return parsers[component]({ text: trimmed, column: 1 });
}

export function zoneComponent(text: string | undefined, localZone: number): bigint {
  return text === undefined || text === ''
    ? selectorBits.INDIVIDUAL | BigInt(localZone)
    : ruleComponent(text, 'zone');
}
