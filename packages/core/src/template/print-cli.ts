// The CLI's "template-like" form (what `onezone show` prints under ZONE TEMPLATE), one
// attribute per line and every line ended by a newline:
//   NAME="value"                 with `"` written as `\"`
//   NAME=[                       a vector: one indented pair per line,
//     K="v",                     a comma after every pair but the last,
//     K2="v2" ]                  and ` ]` closing the last line
//   NAME=[ ]                     an empty vector
// What it prints parses back with parseTemplate to the same template; anything that
// would not is refused with TEMPLATE_UNPRINTABLE instead of being printed wrong.

import { OneKitError } from '../errors/index.js';
import type { Template } from './model.js';
import { attributeName } from './names.js';

const CANONICAL = /^[A-Z0-9_]+$/;

export function printCli(template: Template): string {
  let text = '';
  for (const attribute of template.attributes) {
    const name = cliName(attribute.name);
    if (attribute.kind === 'single') {
      text += `${name}=${quote(attribute.value, attribute.name)}\n`;
    } else if (attribute.pairs.length === 0) {
      text += `${name}=[ ]\n`;
    } else {
      const lines = attribute.pairs.map((pair) => {
        const field = `${attribute.name}/${pair.key}`;
        if (!CANONICAL.test(pair.key)) {
          throw unprintable(`vector key "${pair.key}" would be read back differently`, field);
        }
        return `  ${pair.key}=${quote(pair.value, field)}`;
      });
      text += `${name}=[\n${lines.join(',\n')} ]\n`;
    }
  }
  return text;
}

/**
 * A name as it must be written to be read back unchanged. A stored name starting with
 * `XML` can only have been written in lower case (upper-case `XML` gets the `ONE_`
 * prefix), so it is printed that way.
 */
function cliName(name: string): string {
  if (CANONICAL.test(name) && attributeName(name) === name) return name;
  if (CANONICAL.test(name) && name.startsWith('XML')) return `xml${name.slice(3)}`;
  throw unprintable(`attribute name "${name}" would be read back differently`, name);
}

function quote(value: string, field: string): string {
  if (value.endsWith('\\')) {
    throw unprintable(
      'a value ending in a backslash cannot be quoted (\\" would escape the closing quote)',
      field,
    );
  }
  if (value.includes(']]>')) {
    throw unprintable('a value containing "]]>" cannot be parsed back', field);
  }
  return `"${value.replaceAll('"', '\\"')}"`;
}

function unprintable(message: string, field: string): OneKitError {
  return new OneKitError('TEMPLATE_UNPRINTABLE', `${field}: ${message}`, { field });
}
