// The ZONE document, exactly as oned writes it (body column and one.zone.info alike):
//   <ZONE><ID>0</ID><NAME>OpenNebula</NAME><STATE>0</STATE>
//     <TEMPLATE><ENDPOINT><![CDATA[http://localhost:2633/RPC2]]></ENDPOINT></TEMPLATE>
//     <SERVER_POOL><SERVER><ENDPOINT>..</ENDPOINT><ID>..</ID><NAME>..</NAME></SERVER></SERVER_POOL>
//   </ZONE>
// Template values and SERVER fields are CDATA, SERVER fields in alphabetical order, and an
// empty SERVER_POOL is written `<SERVER_POOL></SERVER_POOL>` as oned writes an empty template.
import {
  OneKitError,
  element,
  printXml,
  rawXml,
  readXmlDocument,
  renderXml,
  templateFromXml,
  vectorElement,
  type XmlObject,
} from '@onekit/core';
import { ParsedBodies } from '../parsed-bodies.js';
import { zoneStates, type Zone, type ZoneServer, type ZoneState } from './zone.js';

function serverPoolXml(servers: readonly ZoneServer[]): string {
  if (servers.length === 0) return '<SERVER_POOL></SERVER_POOL>';
  return renderXml(
    element(
      'SERVER_POOL',
      servers.map((s) => vectorElement('SERVER', s)),
    ),
  );
}

// Every call of one.zone.info and one.zonepool.info reads the zones' bodies: remember the
// record of each body text and the text of each record.
const knownBodies = new ParsedBodies(parseZoneBodyText, 256);
const renderedZones = new WeakMap<Zone, string>();

export function zoneXml(zone: Zone): string {
  let xml = renderedZones.get(zone);
  if (xml === undefined) {
    xml = renderZone(zone);
    renderedZones.set(zone, xml);
    knownBodies.remember(xml, zone);
  }
  return xml;
}

function renderZone(zone: Zone): string {
  return renderXml(
    element('ZONE', [
      element('ID', zone.id),
      element('NAME', zone.name),
      element('STATE', zone.state),
      rawXml(printXml(zone.template)),
      rawXml(serverPoolXml(zone.servers)),
    ]),
  );
}

/** ZONE_POOL with the zones in the order given; an empty pool is `<ZONE_POOL></ZONE_POOL>`. */
export function zonePoolXml(zones: readonly Zone[]): string {
  return `<ZONE_POOL>${zones.map(zoneXml).join('')}</ZONE_POOL>`;
}

function bodyError(message: string, id: unknown): OneKitError {
  return new OneKitError('XML_DOCUMENT', `zone ${String(id)} body: ${message}`, {
    field: 'zone_pool.body',
  });
}

function text(value: unknown, what: string, id: unknown): string {
  if (typeof value !== 'string') throw bodyError(`${what} is missing`, id);
  return value;
}

/**
 * Reads a stored body back. The TEMPLATE element is cut out of the text and read with
 * oned's template rules (it may itself hold an element called SERVER_POOL, so the pool
 * is the last SERVER_POOL of the document).
 */
export function parseZoneBody(body: string): Zone {
  return knownBodies.read(body);
}

/** Reads a body without looking at the bodies seen before. */
export function parseZoneBodyText(body: string): Zone {
  const head = readXmlDocument(body, {
    root: 'ZONE',
    arrays: ['ZONE/SERVER_POOL/SERVER'],
  }).ZONE as XmlObject;
  const idText = text(head.ID, 'ID', '?');
  const id = Number(idText);
  const stateText = head.STATE === undefined ? '0' : text(head.STATE, 'STATE', id);
  const state = Number(stateText);
  if (state !== zoneStates.ENABLED && state !== zoneStates.DISABLED) {
    throw bodyError(`STATE ${stateText} is not 0 or 1`, id);
  }
  const start = body.indexOf('<TEMPLATE');
  const end = body.lastIndexOf('<SERVER_POOL');
  if (start < 0 || end < start) throw bodyError('TEMPLATE is missing', id);
  const pool = head.SERVER_POOL as XmlObject | undefined;
  const servers = ((pool?.SERVER ?? []) as XmlObject[]).map((server) => {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(server))
      fields[key] = text(value, `SERVER/${key}`, id);
    return fields;
  });
  return {
    id,
    name: text(head.NAME, 'NAME', id),
    state: state as ZoneState,
    template: templateFromXml(body.slice(start, end)),
    servers,
  };
}
