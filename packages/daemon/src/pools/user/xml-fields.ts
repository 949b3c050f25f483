// Reading the fields of a stored object body, with an XML_DOCUMENT error naming the field
// when the body does not have the shape oned gives it.
import {
  OneKitError,
  templateFromXml,
  type Template,
  type XmlObject,
  type XmlValue,
} from '@onekit/core';

export function bodyError(message: string, field: string): OneKitError {
  return new OneKitError('XML_DOCUMENT', message, { field });
}

export function textField(object: XmlObject, name: string, root: string): string {
  const value = object[name];
  if (value === undefined) return '';
  if (typeof value === 'object') throw bodyError(`${name} is not text`, `${root}/${name}`);
  return String(value);
}

export function intField(object: XmlObject, name: string, root: string): number {
  const value = object[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw bodyError(`${name} is not an integer`, `${root}/${name}`);
  }
  return value;
}

export function idList(value: XmlValue | undefined, field: string): number[] {
  if (value === undefined || value === '') return [];
  const object = value as XmlObject;
  const ids = typeof value === 'object' && !Array.isArray(value) ? object.ID : undefined;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'number')) {
    throw bodyError(`${field} is not a list of ids`, field);
  }
  return ids as number[];
}

/**
 * Cuts the TEMPLATE element out of a stored body: the body without it (for the XML
 * reader) and the template itself. TEMPLATE is the last element of a stored body.
 */
export function splitTemplate(body: string, root: string): { rest: string; template: Template } {
  const start = /<TEMPLATE(\/>|>)/.exec(body);
  if (start === null) throw bodyError('the body has no TEMPLATE', `${root}/TEMPLATE`);
  if (start[1] === '/>') {
    return {
      rest: body.slice(0, start.index) + body.slice(start.index + start[0].length),
      template: templateFromXml('<TEMPLATE/>'),
    };
  }
  const close = '</TEMPLATE>';
  const end = body.lastIndexOf(close);
  if (end < start.index) throw bodyError('the TEMPLATE is not closed', `${root}/TEMPLATE`);
  return {
    rest: body.slice(0, start.index) + body.slice(end + close.length),
    template: templateFromXml(body.slice(start.index, end + close.length)),
  };
}
