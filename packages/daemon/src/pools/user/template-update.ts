// one.user.update and one.group.update: the new template replaces the old one (mode 0) or
// is merged into it (mode 1: its attributes replace those of the same name; an empty
// vector removes one). Callers outside the oneadmin group may not change restricted
// attributes (oned.conf USER_/GROUP_RESTRICTED_ATTR): a replace keeps them as they were.
import { isOneKitError, parseTemplateOrXml, type Attribute, type Template } from '@onekit/core';

/** oned.conf's default USER_RESTRICTED_ATTR and GROUP_RESTRICTED_ATTR. */
export const RESTRICTED_ATTRIBUTES = [
  'VM_USE_OPERATIONS',
  'VM_MANAGE_OPERATIONS',
  'VM_ADMIN_OPERATIONS',
];

export type TemplateUpdate = { ok: true; template: Template } | { ok: false; message: string };

export interface TemplateUpdateOptions {
  readonly append: boolean;
  /** The caller is outside the oneadmin group. */
  readonly keepRestricted: boolean;
  readonly restricted?: readonly string[];
}

export function updatedTemplate(
  current: Template,
  text: string,
  o: TemplateUpdateOptions,
): TemplateUpdate {
  let update: Template;
  try {
    update = parseTemplateOrXml(text);
  } catch (err) {
    if (!isOneKitError(err)) throw err;
    return { ok: false, message: err.message };
  }
  if (o.keepRestricted) {
    for (const name of o.restricted ?? RESTRICTED_ATTRIBUTES) {
      const wanted = update.get(name);
      const existing = current.get(name);
      if (wanted !== undefined && wanted !== existing) {
        return {
          ok: false,
          message: o.append
            ? `User Template includes a restricted attribute ${name}`
            : `Tried to change restricted attribute: ${name}`,
        };
      }
      if (wanted === undefined && existing !== undefined) update.addSingle(name, existing);
    }
  }
  if (!o.append) return { ok: true, template: update };
  const merged = current.clone();
  for (const attribute of update.attributes) merged.remove(attribute.name);
  for (const attribute of update.attributes) if (!isEmptyVector(attribute)) merged.add(attribute);
  return { ok: true, template: merged };
}

function isEmptyVector(attribute: Attribute): boolean {
  return attribute.kind === 'vector' && attribute.pairs.length === 0;
}
