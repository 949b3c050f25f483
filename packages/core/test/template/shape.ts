// A template as plain data for assert.deepEqual: singles as strings, vectors as lists of
// [key, value] pairs, source positions left out.
import type { Template } from '../../src/template/index.js';

export type Shape = [string, string | [string, string][]][];

export function shape(template: Template): Shape {
  return template.attributes.map((a) => [
    a.name,
    a.kind === 'single' ? a.value : a.pairs.map((p): [string, string] => [p.key, p.value]),
  ]);
}
