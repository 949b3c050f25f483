// How a command's result is printed: the format comes from the output flags, the text from
// the command (renderText) or from the value itself (JSON, YAML).

export type OutputFormat = 'text' | 'json' | 'yaml' | 'xml';

export function outputFormat(flags: {
  json?: boolean;
  yaml?: boolean;
  xml?: boolean;
}): OutputFormat {
  if (flags.json) return 'json';
  if (flags.yaml) return 'yaml';
  if (flags.xml) return 'xml';
  return 'text';
}

/**
 * Pretty JSON (as JSON.stringify with an indent of 2) with a final newline. BigInt values
 * (64-bit indexes) are written as plain numbers, digit for digit, where JSON.stringify
 * would throw.
 */
export function toJson(value: unknown): string {
  return (serialize(value, '') ?? 'null') + '\n';
}

function serialize(value: unknown, indent: string): string | undefined {
  const v =
    typeof (value as { toJSON?: unknown })?.toJSON === 'function'
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((item) => inner + (serialize(item, inner) ?? 'null'));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const members = Object.entries(v).flatMap(([key, item]) => {
    const text = serialize(item, inner);
    return text === undefined ? [] : [`${inner}${JSON.stringify(key)}: ${text}`];
  });
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${indent}}`;
}

/** YAML with a final newline; the library is loaded only when asked for. */
export async function toYaml(value: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(value);
}
