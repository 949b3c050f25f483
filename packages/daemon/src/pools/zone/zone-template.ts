// What oned does to a zone's template on allocate and update: NAME leaves the template to
// become the zone's name, ENDPOINT is required on allocate (and becomes "-" when an update
// removes it), and SERVER vectors never live in the template (SERVER_POOL holds them).
import { parseTemplateOrXml, type Template } from '@onekit/core';
import { objectNameProblem } from './object-name.js';

export type ZoneTemplateResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Parses template text or XML; a syntax error is the parser's message. */
export function parseZoneTemplate(text: string): ZoneTemplateResult<Template> {
  try {
    return { ok: true, value: parseTemplateOrXml(text) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

export interface NewZone {
  readonly name: string;
  readonly template: Template;
}

/** The name and template of a zone to allocate, or oned's reason to refuse it. */
export function prepareNewZone(parsed: Template): ZoneTemplateResult<NewZone> {
  const template = parsed.clone();
  const name = template.get('NAME') ?? '';
  const problem = objectNameProblem(name);
  if (problem !== undefined) return { ok: false, message: problem };
  template.remove('NAME');
  if (!template.get('ENDPOINT')) return { ok: false, message: 'ENDPOINT not present in template.' };
  template.remove('SERVER');
  return { ok: true, value: { name, template } };
}

export const updateModes = { REPLACE: 0, MERGE: 1 } as const;
export type UpdateMode = (typeof updateModes)[keyof typeof updateModes];

/**
 * The template after one.zone.update: `replace` takes the new one as it is, `merge` drops
 * the current attributes named in the new one and adds the new ones (an empty vector only
 * deletes). Then an empty or missing ENDPOINT becomes "-" and SERVER is removed.
 */
export function updatedZoneTemplate(
  current: Template,
  update: Template,
  mode: UpdateMode,
): Template {
  let result: Template;
  if (mode === updateModes.REPLACE) {
    result = update.clone();
  } else {
    result = current.clone();
    for (const attribute of update.attributes) result.remove(attribute.name);
    for (const attribute of update.attributes) {
      if (attribute.kind === 'vector' && attribute.pairs.length === 0) continue;
      result.add(attribute);
    }
  }
  if (!result.get('ENDPOINT')) result.set('ENDPOINT', '-');
  result.remove('SERVER');
  return result;
}
