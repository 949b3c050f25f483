import type { Template } from './model.js';

/** Same attributes in the same order with the same values; source positions are ignored. */
export function templateEquals(a: Template, b: Template): boolean {
  const left = a.attributes;
  const right = b.attributes;
  if (left.length !== right.length) return false;
  return left.every((x, i) => {
    const y = right[i]!;
    if (x.name !== y.name || x.kind !== y.kind) return false;
    if (x.kind === 'single' || y.kind === 'single') {
      return x.kind === 'single' && y.kind === 'single' && x.value === y.value;
    }
    return (
      x.pairs.length === y.pairs.length &&
      x.pairs.every((p, j) => p.key === y.pairs[j]!.key && p.value === y.pairs[j]!.value)
    );
  });
}
