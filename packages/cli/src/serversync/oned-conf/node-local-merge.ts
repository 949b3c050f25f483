// oned.conf across servers: the other server's text with this host's node-local parts put
// back, edited in place so the other server's comments and layout survive. Node-local
// attributes are matched by occurrence (the first here replaces the first there, and so on)
// and node-local keys act on the first vector of their name, the one oned reads; so
// merging a text with itself gives the text back unchanged.
import type { NodeLocalRule } from '../node-local.js';
import { applyEdits, deletion, indentationAt, type TextEdit } from './text-edits.js';
import type { AttributeLayout, PairLayout, TemplateLayout } from './template-layout.js';

/** `remote` with the node-local attributes and keys of `local`. */
export function mergeNodeLocal(
  remote: TemplateLayout,
  local: TemplateLayout,
  rules: readonly NodeLocalRule[],
): string {
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const rule of rules) {
    if (rule.keys) {
      mergeKeys(remote, local, rule.attribute, new Set(rule.keys), edits, appended);
    } else {
      mergeAttributes(remote, local, rule.attribute, edits, appended);
    }
  }
  if (appended.length > 0) edits.push(appendAtEnd(remote.text, appended));
  return applyEdits(remote.text, edits);
}

/** The text without its node-local parts: what two servers must agree on. */
export function stripNodeLocal(layout: TemplateLayout, rules: readonly NodeLocalRule[]): string {
  const edits: TextEdit[] = [];
  for (const rule of rules) {
    if (rule.keys) {
      const vector = firstVector(layout, rule.attribute);
      const keys = new Set(rule.keys);
      if (vector) {
        const removed = new Set(vector.pairs.filter((p) => keys.has(p.key)));
        const emptied = removed.size === vector.pairs.length;
        edits.push(
          ...(emptied && soleVector(layout, vector)
            ? [deletion(layout.text, vector)]
            : vectorEdits(layout, vector, { removed })),
        );
      }
    } else {
      for (const attribute of named(layout, rule.attribute)) {
        edits.push(deletion(layout.text, attribute));
      }
    }
  }
  return applyEdits(layout.text, edits);
}

function mergeAttributes(
  remote: TemplateLayout,
  local: TemplateLayout,
  name: string,
  edits: TextEdit[],
  appended: string[],
): void {
  const there = named(remote, name);
  const here = named(local, name).map((a) => slice(local.text, a));
  there.forEach((attribute, i) => {
    const replacement = here[i];
    edits.push(
      replacement === undefined
        ? deletion(remote.text, attribute)
        : {
            start: attribute.start,
            end: attribute.end,
            text: replacement + lineEndAfterEmpty(remote.text, attribute.end, replacement),
          },
    );
  });
  const extra = here.slice(there.length);
  if (extra.length === 0) return;
  const last = there.at(-1);
  if (!last) {
    appended.push(...extra);
    return;
  }
  const text = `\n${extra.join('\n')}`;
  edits.push({
    start: last.end,
    end: last.end,
    text: text + lineEndAfterEmpty(remote.text, last.end, text),
  });
}

/**
 * `NAME =` with nothing after it is an empty value only when a newline follows: one is
 * added when the attribute lands before something else on the line.
 */
function lineEndAfterEmpty(text: string, offset: number, attribute: string): string {
  if (!attribute.endsWith('=')) return '';
  return /^[ \t]*\n/.test(text.slice(offset, text.indexOf('\n', offset) + 1)) ? '' : '\n';
}

function mergeKeys(
  remote: TemplateLayout,
  local: TemplateLayout,
  name: string,
  keys: ReadonlySet<string>,
  edits: TextEdit[],
  appended: string[],
): void {
  const there = firstVector(remote, name);
  const herePairs = (firstVector(local, name)?.pairs ?? []).filter((p) => keys.has(p.key));
  if (!there) {
    if (herePairs.length > 0) {
      const body = herePairs.map((p) => `  ${slice(local.text, p)}`).join(',\n');
      appended.push(`${name} = [\n${body} ]`);
    }
    return;
  }
  const replaced = new Map<PairLayout, string>();
  const removed = new Set<PairLayout>();
  const inserted: string[] = [];
  for (const key of keys) {
    const therePairs = there.pairs.filter((p) => p.key === key);
    const hereTexts = herePairs.filter((p) => p.key === key).map((p) => slice(local.text, p));
    therePairs.forEach((pair, i) => {
      const text = hereTexts[i];
      if (text === undefined) removed.add(pair);
      else replaced.set(pair, text);
    });
    inserted.push(...hereTexts.slice(therePairs.length));
  }
  edits.push(...vectorEdits(remote, there, { replaced, removed, inserted }));
}

interface VectorChange {
  replaced?: ReadonlyMap<PairLayout, string>;
  removed: ReadonlySet<PairLayout>;
  inserted?: readonly string[];
}

/** Replaces, removes and appends pairs of one vector, keeping commas right. */
function vectorEdits(
  layout: TemplateLayout,
  vector: AttributeLayout,
  change: VectorChange,
): TextEdit[] {
  const text = layout.text;
  const inserted = change.inserted ?? [];
  const remaining = vector.pairs.filter((p) => !change.removed.has(p));
  const last = remaining.at(-1);
  if (!last) {
    if (inserted.length === 0) {
      if (change.removed.size === 0) return [];
      // Emptied, the vector goes whole, as if it had never held those keys; unless another
      // of its name follows, which would then be read in its place.
      return soleVector(layout, vector)
        ? [deletion(text, vector)]
        : vector.pairs.map((p) => deletion(text, pairSpan(p)));
    }
    // Nothing of the old body stays: write a fresh one.
    const body = `\n${inserted.map((pair) => `  ${pair}`).join(',\n')}\n`;
    return [{ start: vector.open! + 1, end: vector.close!, text: body }];
  }
  const edits: TextEdit[] = [...change.removed].map((p) => deletion(text, pairSpan(p)));
  // The last pair left keeps no comma once every pair after it is gone.
  if (last.comma !== undefined) edits.push({ start: last.comma, end: last.comma + 1, text: '' });
  for (const [pair, replacement] of change.replaced ?? []) {
    edits.push({ start: pair.start, end: pair.end, text: replacement });
  }
  if (inserted.length > 0) {
    const indent = indentationAt(text, last.start);
    const separator = indent === undefined ? ', ' : `,\n${indent}`;
    edits.push({ start: last.end, end: last.end, text: separator + inserted.join(separator) });
  }
  return edits;
}

/** A pair with the comma after it, when it has one. */
function pairSpan(pair: PairLayout): { start: number; end: number } {
  return { start: pair.start, end: pair.comma === undefined ? pair.end : pair.comma + 1 };
}

function appendAtEnd(text: string, attributes: readonly string[]): TextEdit {
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  return { start: text.length, end: text.length, text: `${lead}${attributes.join('\n')}\n` };
}

function named(layout: TemplateLayout, name: string): AttributeLayout[] {
  return layout.attributes.filter((a) => a.name === name);
}

function soleVector(layout: TemplateLayout, vector: AttributeLayout): boolean {
  return named(layout, vector.name).filter((a) => a.kind === 'vector').length === 1;
}

function firstVector(layout: TemplateLayout, name: string): AttributeLayout | undefined {
  return layout.attributes.find((a) => a.name === name && a.kind === 'vector');
}

function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
