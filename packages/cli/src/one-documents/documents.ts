import { OneKitError, readXmlDocument, type XmlObject, type XmlValue } from '@onekit/core';

// OpenNebula's XML documents as the CLI reads them: the shape of each kind (which elements
// repeat, which hold numbers) so that --json gives arrays where the schema allows several
// elements and numbers where it holds numbers, and text views read plain values.

export interface DocumentShape {
  /** The root element of the object's document (`ZONE`). */
  root: string;
  /** The root element of its pool (`ZONE_POOL`). */
  pool: string;
  /** Element paths that may repeat, read as arrays even with one element or none. */
  arrays: readonly string[];
  /** Element paths holding integers. */
  numbers: readonly string[];
}

/** One object's document (`{ ZONE: {...} }`), typed by the shape. */
export function readObjectDocument(xml: string, shape: DocumentShape): XmlObject {
  return read(xml, shape, shape.root);
}

/** A pool document (`{ ZONE_POOL: { ZONE: [...] } }`), typed by the shape. */
export function readPoolDocument(xml: string, shape: DocumentShape): XmlObject {
  return read(xml, shape, shape.pool);
}

/** The objects of a pool document read with readPoolDocument. */
export function poolObjects(document: XmlObject, shape: DocumentShape): XmlObject[] {
  const pool = document[shape.pool];
  if (pool === undefined || typeof pool !== 'object' || Array.isArray(pool)) return [];
  return ((pool as XmlObject)[shape.root] ?? []) as XmlObject[];
}

/** The object inside a document read with readObjectDocument. */
export function documentObject(document: XmlObject, shape: DocumentShape): XmlObject {
  return document[shape.root] as XmlObject;
}

function read(xml: string, shape: DocumentShape, root: string): XmlObject {
  try {
    return readXmlDocument(xml, {
      root,
      arrays: [`${shape.pool}/${shape.root}`, ...shape.arrays],
      numbers: shape.numbers,
    });
  } catch (err) {
    throw new OneKitError(
      'XML_DOCUMENT',
      `the server's ${root} document cannot be read: ${(err as Error).message}`,
      { field: root },
      { cause: err },
    );
  }
}

/** A text element's value; '' for an absent or empty element. */
export function text(object: XmlObject | undefined, name: string): string {
  const value = object?.[name];
  if (value === undefined) return '';
  if (typeof value === 'object') return '';
  return String(value);
}

/** A child element holding elements; undefined when absent or empty. */
export function child(object: XmlObject | undefined, name: string): XmlObject | undefined {
  const value = object?.[name];
  return value !== undefined && typeof value === 'object' && !Array.isArray(value)
    ? (value as XmlObject)
    : undefined;
}

/** Repeated child elements (a shape's array path, or one element read as an object). */
export function children(object: XmlObject | undefined, name: string): XmlObject[] {
  const value: XmlValue | undefined = object?.[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is XmlObject => typeof v === 'object' && !Array.isArray(v));
}
