// The node-local rules read on parsed templates rather than text: what a merge must keep
// from each side. The merge checks its own result against these before anything is
// written, and the tests use them as the oracle.
import { Template, type Attribute } from '@onekit/core';
import type { NodeLocalRule } from '../node-local.js';

/** The node-local values of a template, as plain data (positions left out). */
export function nodeLocalValues(template: Template, rules: readonly NodeLocalRule[]): unknown[] {
  return rules.map((rule) => {
    if (!rule.keys) return template.getAll(rule.attribute).map(plain);
    const keys = new Set(rule.keys);
    const pairs = template.getVector(rule.attribute)?.pairs ?? [];
    return pairs.filter((p) => keys.has(p.key)).map((p) => [p.key, p.value]);
  });
}

/** The template without its node-local attributes and keys. */
export function withoutNodeLocal(template: Template, rules: readonly NodeLocalRule[]): Template {
  const whole = new Set(rules.filter((r) => !r.keys).map((r) => r.attribute));
  const keyed = new Map(rules.filter((r) => r.keys).map((r) => [r.attribute, new Set(r.keys)]));
  const out = new Template();
  const trimmed = new Set<string>();
  for (const attribute of template.attributes) {
    if (whole.has(attribute.name)) continue;
    const keys = keyed.get(attribute.name);
    // Keys are node-local in the first vector of the name only: the one oned reads.
    if (keys && attribute.kind === 'vector' && !trimmed.has(attribute.name)) {
      trimmed.add(attribute.name);
      const pairs = attribute.pairs.filter((p) => !keys.has(p.key));
      // A vector with nothing but node-local keys is node-local as a whole (when it is the
      // only one of its name: another would be read in its place).
      const whollyLocal = pairs.length === 0 && template.getVectors(attribute.name).length === 1;
      if (!whollyLocal) out.add({ ...attribute, pairs });
    } else {
      out.add(attribute);
    }
  }
  return out;
}

function plain(attribute: Attribute): unknown {
  return attribute.kind === 'single'
    ? { value: attribute.value }
    : { pairs: attribute.pairs.map((p) => [p.key, p.value]) };
}
