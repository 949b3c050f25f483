// Reads the YAML the Ruby servers read: YAML 1.1 (yes/no are booleans, as in Psych) with
// Ruby-symbol keys (`:host:`). Symbol keys lose their colon (`host`); keys written without
// it are not what the servers look up, so they are left out and reported as warnings.
// Every key and list item remembers its line, so a failing key path can name it.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node } from 'yaml';
import { OneKitError } from '../../errors/index.js';
import type { KeyPath } from './schema.js';

export interface ConfigWarning {
  file?: string;
  line?: number;
  field: string;
  message: string;
}

export interface RubyYaml {
  /** The document as plain data, symbol keys without their colon. */
  value: unknown;
  /** The line of the deepest key of `path` present in the file. */
  lineOf(path: KeyPath): number | undefined;
  warnings: ConfigWarning[];
}

/** `log.level`, `restricted_attrs[1]`: how errors and warnings name a key. */
export function fieldName(path: KeyPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

// yaml is large and only the service configs need it: it loads on first use, so that every
// command and the agent's one-shot mode do not pay for it at start.
let yamlModule: typeof Yaml | undefined;
const loadYaml = (): typeof Yaml => (yamlModule ??= createRequire(import.meta.url)('yaml'));

export function readRubyYaml(text: string, options: { file?: string } = {}): RubyYaml {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter, uniqueKeys: true, merge: false });
  const where = (line: number | undefined, field?: string) => ({
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(line === undefined ? {} : { line }),
    ...(field === undefined ? {} : { field }),
  });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    // The first line only: the rest quotes the file, which is not for error messages.
    throw new OneKitError(
      'CONFIG_INVALID',
      syntax.message.split('\n')[0]!,
      { ...where(pos?.line), ...(pos ? { column: pos.col } : {}) },
      { cause: syntax },
    );
  }

  const lines = new Map<string, number>();
  const warnings: ConfigWarning[] = [];
  const lineAt = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;

  // Aliases are followed by hand, so their number is capped as yaml's own toJS caps it:
  // a few nested aliases must not expand into a huge document.
  let aliases = 0;
  const tooLarge = (node: unknown, path: KeyPath, message: string): never => {
    throw new OneKitError('CONFIG_INVALID', message, where(lineAt(node as Node), fieldName(path)));
  };

  const convert = (node: unknown, path: KeyPath, depth: number): unknown => {
    if (depth > 64) tooLarge(node, path, 'the document nests too deeply');
    if (isAlias(node)) {
      if (++aliases > 100) tooLarge(node, path, 'the document uses too many aliases');
      return convert(node.resolve(doc as Document), path, depth + 1);
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const line = lineAt(item as Node);
        if (line !== undefined) lines.set(JSON.stringify([...path, i]), line);
        return convert(item, [...path, i], depth + 1);
      });
    }
    if (!isMap(node)) return null;
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const line = lineAt(pair.key as Node);
      if (key === undefined || !key.startsWith(':') || key.length === 1) {
        const spelled = key ?? 'a complex key';
        warnings.push({
          ...where(line),
          field: fieldName([...path, spelled]),
          message: `"${spelled}" is not a Ruby symbol key, so the server ignores it (write :${spelled}:)`,
        });
        continue;
      }
      const name = key.slice(1);
      if (line !== undefined) lines.set(JSON.stringify([...path, name]), line);
      out[name] = convert(pair.value, [...path, name], depth + 1);
    }
    return out;
  };

  const value = convert(doc.contents, [], 0);
  return {
    value,
    warnings,
    lineOf(path) {
      for (let n = path.length; n > 0; n--) {
        const line = lines.get(JSON.stringify(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}
