// oned's own text form (Template::to_str), the one its logs and messages show:
// `NAME=value` lines, unquoted, and vectors on one line as `NAME=K=v,K2=v2`. It is for
// people to read; values are written as they are, so it does not always parse back.

import type { Template } from './model.js';

export function printOned(template: Template): string {
  let text = '';
  for (const attribute of template.attributes) {
    const value =
      attribute.kind === 'single'
        ? attribute.value
        : attribute.pairs.map((pair) => `${pair.key}=${pair.value}`).join(',');
    text += `${attribute.name}=${value}\n`;
  }
  return text;
}
