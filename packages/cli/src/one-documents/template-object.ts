import { Template, printCli, type XmlObject, type XmlValue } from '@onekit/core';

/**
 * A TEMPLATE element read with readXmlDocument, as a Template: text children are single
 * attributes, children holding elements are vectors. Empty values are left out, as
 * OpenNebula's CLI leaves them out of the template it shows.
 */
export function templateFromObject(value: XmlValue | undefined): Template {
  const template = new Template();
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return template;
  for (const [name, item] of Object.entries(value as XmlObject)) {
    for (const one of Array.isArray(item) ? item : [item]) {
      if (typeof one === 'object' && !Array.isArray(one)) {
        const pairs = Object.entries(one as XmlObject)
          .filter(([, v]) => typeof v !== 'object' && String(v) !== '')
          .map(([key, v]) => ({ key, value: String(v) }));
        template.add({ kind: 'vector', name, pairs });
      } else if (typeof one !== 'object' && String(one) !== '') {
        template.add({ kind: 'single', name, value: String(one) });
      }
    }
  }
  return template;
}

/** The TEMPLATE element in the CLI's `NAME="value"` form, as `show` prints it. */
export function templateText(value: XmlValue | undefined): string {
  return printCli(templateFromObject(value));
}
