import type { Template } from '@onekit/core';

export type TemplateJsonValue = string | Record<string, string>;

/**
 * A template as OpenNebula's JSON output shows one: single values as strings, vectors as
 * objects, and a name that repeats as an array of its values in order.
 */
export type TemplateJson = Record<string, TemplateJsonValue | TemplateJsonValue[]>;

export function templateJson(template: Template): TemplateJson {
  const json: TemplateJson = {};
  for (const attribute of template.attributes) {
    const value: TemplateJsonValue =
      attribute.kind === 'single'
        ? attribute.value
        : Object.fromEntries(attribute.pairs.map((pair) => [pair.key, pair.value]));
    const existing = json[attribute.name];
    if (existing === undefined) json[attribute.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else json[attribute.name] = [existing, value];
  }
  return json;
}
